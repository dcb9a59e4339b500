import type { Observable } from 'rxjs';
import { Alert } from '../../domain/schemas/alerts.js';
import type { StreamOptions } from '../../resources/complaints.js';
import type { ClientContext } from '../context.js';
import { eventStream } from './stream.js';

// Its own module: the Alert schema loads with the first alert subscription, not with every change
// stream (the customer widgets' realtime chunk stays as it was).
/**
 * @internal The early-warning alerts opened or resolved in the caller's subtree: the `alert`
 * messages of the event stream, with the same reconnection and resumption as the change stream.
 */
export function alertStream(ctx: ClientContext, options: StreamOptions = {}): Observable<Alert> {
  return eventStream<Alert>(ctx, {}, options, 'alert', Alert);
}
