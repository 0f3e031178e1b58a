// The bank holidays of England and Wales, Scotland or Northern Ireland: from the generated table for the
// years it covers (so starting the bot does not load date-holidays), and from the library for any other.
import { BANK_HOLIDAY_TABLE } from "./bank-holiday-table";
import type { EpochDay } from "./days";
import { decodeRegion } from "./holiday-table-format";
import type { Region } from "./types";

type YearHolidays = ReadonlyMap<EpochDay, readonly string[]>;

const tableByRegion = new Map<Region, Map<number, Map<EpochDay, string[]>>>();
const fromLibrary = new Map<string, YearHolidays>();

export function bankHolidays(region: Region, year: number): YearHolidays {
  if (year >= BANK_HOLIDAY_TABLE.firstYear && year <= BANK_HOLIDAY_TABLE.lastYear) {
    let years = tableByRegion.get(region);
    if (years === undefined) {
      years = decodeRegion(BANK_HOLIDAY_TABLE, region);
      tableByRegion.set(region, years);
    }
    return years.get(year) ?? new Map();
  }
  const key = `${region}:${year}`;
  let holidays = fromLibrary.get(key);
  if (holidays === undefined) {
    // Loaded only for a year outside the table: the library takes longer to load than the bot to start.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const library = require("./holidays-from-library") as typeof import("./holidays-from-library");
    holidays = library.holidaysFromLibrary(region, year);
    fromLibrary.set(key, holidays);
  }
  return holidays;
}
