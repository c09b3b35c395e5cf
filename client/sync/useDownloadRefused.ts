/** A failed download or request whose answer says the link no longer opens the meeting (issue 23). */
import { DownloadError } from './download.js';
import { useMeetingContext } from './MeetingContext.js';

/** For a failed download: when the server refused the link (401, 404), the page forgets the meeting and says so. */
export function useDownloadRefused(): (e: unknown) => void {
  const { connection } = useMeetingContext();
  return (e) => {
    if (e instanceof DownloadError && (e.status === 401 || e.status === 404)) connection.refuse(e.status);
  };
}
