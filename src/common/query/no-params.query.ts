/** For routes that take no query parameters: any parameter is then a 400 that names it. */
export class NoQueryParams {}
