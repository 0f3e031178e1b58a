// The bank holidays of England and Wales, Scotland or Northern Ireland as date-holidays computes them: the
// source of the generated table (bank-holiday-table.ts) and of any year the table does not cover.
import Holidays from "date-holidays";

import { type EpochDay, parseDay, yearOf } from "./days";
import type { Region } from "./types";

const HOLIDAY_STATE: Record<Region, string> = {
  "england-and-wales": "ENG",
  scotland: "SCT",
  "northern-ireland": "NIR",
};

const lookups = new Map<Region, Holidays>();

export function holidaysFromLibrary(region: Region, year: number): Map<EpochDay, string[]> {
  let lookup = lookups.get(region);
  if (lookup === undefined) {
    lookup = new Holidays("GB", HOLIDAY_STATE[region]);
    lookups.set(region, lookup);
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
  return holidays;
}
