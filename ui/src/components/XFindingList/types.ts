/** A day entry typed in the month sheet that is not saved (the backend refused it, or it is a
 * kept draft not saved since). */
export interface UnsavedDay {
    date: string;
    /** The text as typed. */
    text: string;
    /** Why it is not saved (the backend's message), or null for a kept draft. */
    message: string | null;
    /** Whose day it is. */
    name: string;
}
