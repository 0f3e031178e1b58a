// The working-day calendar: the days, the bank holidays and the calendar that counts deadlines on them.
export { addCalendarDays, formatDay, formatMoment, isLocalDate, isRegion } from "./days";
export * from "./types";
export { createCalendar } from "./working-calendar";
