// The bank holidays of England and Wales, Scotland or Northern Ireland, from date-holidays.
import Holidays from "date-holidays";

import { type EpochDay, parseDay, yearOf } from "./days";
import type { Region } from "./types";

const HOLIDAY_STATE: Record<Region, string> = {
  "england-and-wales": "ENG",
  scotland: "SCT",
  "northern-ireland": "NIR",
};

const holidayLookups = new Map<Region, Holidays>();
const bankHolidaysByYear = new Map<Region, Map<number, ReadonlyMap<EpochDay, readonly string[]>>>();

export function bankHolidays(region: Region, year: number): ReadonlyMap<EpochDay, readonly string[]> {
  let years = bankHolidaysByYear.get(region);
  if (years === undefined) {
    years = new Map();
    bankHolidaysByYear.set(region, years);
  }
  const cached = years.get(year);
  if (cached !== undefined) return cached;

  let lookup = holidayLookups.get(region);
  if (lookup === undefined) {
    lookup = new Holidays("GB", HOLIDAY_STATE[region]);
    holidayLookups.set(region, lookup);
  }
  const holidays = new Map<EpochDay, string[]>();
  for (const holiday of lookup.getHolidays(year, "en")) {
    // Observances such as Mother's Day are listed too; only public holidays close the office.
    if (holiday.type !== "public") continue;
    const epochDay = parseDay(holiday.date.slice(0, 10), "A bank holiday");
    if (yearOf(epochDay) !== year) continue;
    // The data mixes curly and straight apostrophes; one style keeps the text consistent for readers.
    const name = holiday.name.replace(/\u2019/g, "'");
    holidays.set(epochDay, [...(holidays.get(epochDay) ?? []), name]);
  }
  years.set(year, holidays);
  return holidays;
}
