/**
 * Downloads from the API without a token in any URL (issue 23): browser history, proxy logs and the
 * Referer keep URLs, so a link like `export.docx?token=...` would leave the link's token behind. The file
 * is fetched with the token in the Authorization header, then handed to the browser as a blob.
 */

/** Why a download failed, with the server's status (401 and 404: the link no longer opens the meeting). */
export class DownloadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The file name a Content-Disposition header gives, or `fallback`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  return m ? decodeURIComponent(m[1]) : fallback;
}

/** Fetches `path` with the token as a bearer and saves it under the server's file name (or `fallbackName`). */
export async function downloadFile(path: string, token: string, fallbackName: string, fetchFn: typeof fetch = fetch): Promise<void> {
  let res: Response;
  try {
    res = await fetchFn(path, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
  } catch {
    throw new DownloadError(0, 'the server cannot be reached; try again');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: unknown };
    throw new DownloadError(res.status, typeof body.error === 'string' ? body.error : `the server answered ${res.status}`);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Long enough for the browser to have taken the file.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
