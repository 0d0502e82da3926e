import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { PresentationModule } from '../presentation/presentation.module';
import { MailModule } from './mail/mail.module';
import { MailTransportHealth } from './mail/mail-transport-health';
import { NotificationContentLoader } from './notification-content.loader';
import { NotificationDispatcher } from './notification-dispatcher.service';
import { NotificationRunner, NotificationScheduler } from './notification-scheduler';
import { NotificationScanner } from './notification-scanner.service';
import { NotificationsAdminController } from './notifications-admin.controller';
import { NotificationsAdminService } from './notifications-admin.service';
import { OutboxPruner } from './outbox-pruner.service';
import { OutboxRepository } from './outbox.repository';
import { ReturnPaths } from './return-paths';
import { ScanCursorsRepository } from './scan-cursors.repository';
import { SubscriptionPageRenderer } from './pages/subscription-pages';
import { SubscriptionPagesController } from './subscription-pages.controller';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscribersAdminController } from './subscribers-admin.controller';
import { SubscribersAdminService } from './subscribers-admin.service';
import { SubscriptionsRepository } from './subscriptions.repository';
import { SubscriptionsService } from './subscriptions.service';

/**
 * Subscriptions, the outbox, the scan that fills it, the dispatcher that empties it, and the
 * scheduler that runs both in the server. NotificationRunner is what `notify:run-once` calls.
 */
@Module({
  imports: [PresentationModule, RecommendationsModule, DeadlinesModule, MailModule],
  controllers: [SubscriptionsController, SubscriptionPagesController, NotificationsAdminController, SubscribersAdminController],
  providers: [
    MailTransportHealth,
    SubscriptionsRepository,
    OutboxRepository,
    ReturnPaths,
    ScanCursorsRepository,
    SubscriptionsService,
    NotificationScanner,
    NotificationContentLoader,
    NotificationDispatcher,
    NotificationRunner,
    NotificationScheduler,
    OutboxPruner,
    NotificationsAdminService,
    SubscribersAdminService,
    SubscriptionPageRenderer,
  ],
  exports: [
    MailTransportHealth,
    NotificationRunner,
    NotificationScanner,
    NotificationDispatcher,
    OutboxPruner,
    SubscriptionsRepository,
    OutboxRepository,
    ScanCursorsRepository,
    SubscriptionsService,
  ],
})
export class NotificationsModule {}
