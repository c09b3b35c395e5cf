/** The places table moved to shared/meetingPlaces.ts (the importers and the Meeting tab share it). */
export { indexOfKnownCity, timezoneOfPlace } from '../meetingPlaces.js';
