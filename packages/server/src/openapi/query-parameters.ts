/**
 * What the query parameters of the operations mean, by operation id and parameter name: the OpenAPI
 * document's parameter `description`s. Kept in the service (the document is the service's), out of
 * core's domain entry and the client's bundle.
 *
 * @example
 * ```ts
 * QUERY_PARAMETERS['complaints.list']?.q; // 'Words (split at spaces, …'
 * ```
 */
export const QUERY_PARAMETERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'complaints.list': {
    status: 'Only complaints in these states; repeat it for several (`status=accepted&status=in_progress`).',
    orgId: "Only complaints handled in this organisation's subtree (an organisation within the caller's own).",
    businessCategory: 'Business category codes (dimension B); a class takes its leaves too (`B03`: every bank-card complaint). Repeatable.',
    businessChannel: 'Business channel codes (dimension A); a class takes its leaves too. Repeatable.',
    intakeChannel: 'How the complaint reached the bank. Repeatable.',
    cause: 'Cause codes (dimension C). Repeatable.',
    severity: 'normal, complex, sensitive or major. Repeatable.',
    region: 'A GB/T 2260 prefix of where the matter arose: `44` is Guangdong, `4403` Shenzhen.',
    receivedFrom: 'Received at or after this instant: a date-time with an offset, e.g. `2026-11-01T00:00:00+08:00` (a bare date is refused).',
    receivedTo: 'Received at or before this instant: a date-time with an offset, e.g. `2026-11-30T23:59:59+08:00`.',
    overdue: '`true`: open complaints past their decision deadline; `false`: every other one.',
    dueSoon: '`true`: open complaints past their warning time but not yet overdue; `false`: every other one.',
    assigneeId: 'A staff id, or `me` for the caller.',
    q: "Words (split at spaces, the ideographic space too), every one of which the complaint number, the description or the requested resolution must hold, in any order. Personal numbers in the text are held redacted (a phone or ID number by its first 3 and last 4 digits, a card number by its last 4, as the masked forms show them); the complainant's name and phone are not searched.",
    cursor: 'The `nextCursor` of the page before; absent or empty: the first page.',
    limit: 'How many complaints a page holds, 1 to 100 (default 20).',
  },
};
