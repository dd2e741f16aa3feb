import { meetingsList } from './meetings-list';

// Which meetings are still to come changes with the date: re-made at most every five minutes.
export const revalidate = 300;

export const generateMetadata = meetingsList.generateMetadata;
export default meetingsList.Page;
