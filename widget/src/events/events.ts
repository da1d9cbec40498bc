import type { Course } from '../../../server/src/contract.js';

/** Codes a widget reports with `cb-error`. */
export type CbErrorCode = 'course_not_found' | 'network_error' | 'server_error' | 'missing_course';

/** Fired when the course has loaded and its price shows. */
export class CbReadyEvent extends Event {
  static readonly type = 'cb-ready';
  constructor(readonly course: Course) {
    super(CbReadyEvent.type, { bubbles: true, composed: true });
  }
}

/** Fired when the widget shows an error state; `code` says which. */
export class CbErrorEvent extends Event {
  static readonly type = 'cb-error';
  constructor(
    readonly code: CbErrorCode,
    readonly message: string,
  ) {
    super(CbErrorEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-ready': CbReadyEvent;
    'cb-error': CbErrorEvent;
  }
}
