import { Module } from '@nestjs/common';
import { MAIL_TRANSPORT } from './mail-transport';
import { mailTransportProvider } from './mail-transport.provider';

/** The one MailTransport of the process: the dispatcher sends through it, /health verifies it. */
@Module({ providers: [mailTransportProvider], exports: [MAIL_TRANSPORT] })
export class MailModule {}
