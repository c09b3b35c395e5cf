/** Synthetic reflector mail for tests and the benchmark. */

/** One message as a reflector's archive writes it into an mbox (body lines starting "From " escaped). */
export function mboxMessage(o: { id?: string; from?: string; subject: string; body?: string; date?: string }): string {
  const body = (o.body ?? 'Hi all,\nFine with us.\n').replace(/^(>*From )/gm, '>$1');
  return [
    `From ${o.from ?? 'jane@ericsson.com'} Mon Mar  2 09:00:00 2026`,
    `From: Jane Roe <${o.from ?? 'jane@ericsson.com'}>`,
    'To: 3GPP_TSG_SA_WG2@LIST.ETSI.ORG',
    `Subject: ${o.subject}`,
    `Date: ${o.date ?? 'Mon, 2 Mar 2026 09:00:00 +0000'}`,
    ...(o.id ? [`Message-ID: <${o.id}>`] : []),
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\n');
}
