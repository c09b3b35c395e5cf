/** The places table moved to shared/time/meetingPlaces.ts (the importers and the Meeting tab share it). */
export { indexOfKnownCity, timezoneOfPlace } from '../time/meetingPlaces.js';
