// How the generated bank-holiday table is written and read: for each region, one string of the years it
// covers, each holiday as "YYYY-MM-DD=n" where n indexes the table's names, joined by commas.
import { type EpochDay, parseDay, toLocalDate, yearOf } from "./days";
import type { Region } from "./types";

export interface HolidayTable {
  readonly firstYear: number;
  readonly lastYear: number;
  readonly names: readonly string[];
  readonly days: Readonly<Record<Region, string>>;
}

/** Writes the holidays of each region, year by year, in the table's form. */
export function encodeTable(
  firstYear: number,
  lastYear: number,
  regions: readonly Region[],
  holidaysOf: (region: Region, year: number) => ReadonlyMap<EpochDay, readonly string[]>,
): HolidayTable {
  const names: string[] = [];
  const indexOf = (name: string) => {
    const at = names.indexOf(name);
    if (at >= 0) return at;
    names.push(name);
    return names.length - 1;
  };
  const days = {} as Record<Region, string>;
  for (const region of regions) {
    const entries: string[] = [];
    for (let year = firstYear; year <= lastYear; year += 1) {
      for (const [day, dayNames] of [...holidaysOf(region, year)].sort((a, b) => a[0] - b[0])) {
        for (const name of dayNames) entries.push(`${toLocalDate(day)}=${indexOf(name)}`);
      }
    }
    days[region] = entries.join(",");
  }
  return { firstYear, lastYear, names, days };
}

/** Reads one region's holidays from the table, by year. */
export function decodeRegion(table: HolidayTable, region: Region): Map<number, Map<EpochDay, string[]>> {
  const years = new Map<number, Map<EpochDay, string[]>>();
  for (let year = table.firstYear; year <= table.lastYear; year += 1) years.set(year, new Map());
  const text = table.days[region];
  if (text === "") return years;
  for (const entry of text.split(",")) {
    const [date, index] = entry.split("=");
    const day = parseDay(date, "A bank holiday in the table");
    const name = table.names[Number(index)];
    if (name === undefined) throw new Error(`the bank-holiday table names no holiday ${index ?? ""}`);
    const year = years.get(yearOf(day));
    if (!year) throw new Error(`the bank-holiday table lists ${date}, outside its years`);
    year.set(day, [...(year.get(day) ?? []), name]);
  }
  return years;
}
