// The generated bank-holiday table is what date-holidays says for every year it covers; the calendar reads
// it without loading the library, and falls back to the library outside it.
import { currentTable } from "../../../scripts/bank-holiday-table";
import { BANK_HOLIDAY_TABLE } from "../../../src/domain/calendar/bank-holiday-table";
import { decodeRegion } from "../../../src/domain/calendar/holiday-table-format";
import { holidaysFromLibrary } from "../../../src/domain/calendar/holidays-from-library";
import { REGIONS } from "../../../src/domain/calendar/types";

it("matches date-holidays for every region and year it covers (run `npm run holidays` when it does not)", () => {
  expect(BANK_HOLIDAY_TABLE).toEqual(currentTable());
});

it("reads back as the library's holidays, names and all", () => {
  for (const region of REGIONS) {
    const years = decodeRegion(BANK_HOLIDAY_TABLE, region);
    for (const year of [2000, 2022, 2023, 2026, 2060]) {
      expect([...(years.get(year) ?? [])]).toEqual(
        [...holidaysFromLibrary(region, year)].sort((a, b) => a[0] - b[0]),
      );
    }
  }
});

it("covers the years the bot counts in", () => {
  expect(BANK_HOLIDAY_TABLE.firstYear).toBeLessThanOrEqual(2020);
  expect(BANK_HOLIDAY_TABLE.lastYear).toBeGreaterThanOrEqual(2050);
});

it("loads date-holidays only for a year outside the table", () => {
  jest.isolateModules(() => {
    let loaded = false;
    jest.doMock("date-holidays", () => {
      loaded = true;
      return jest.requireActual<object>("date-holidays");
    });
    const { bankHolidays } =
      // A fresh copy of the module, so that what it loads is seen.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require("../../../src/domain/calendar/bank-holidays") as typeof import("../../../src/domain/calendar/bank-holidays");
    // 2026: eight bank holidays and the substitute for Boxing Day, on Monday 28 December.
    expect(bankHolidays("england-and-wales", 2026).size).toBe(9);
    expect(loaded).toBe(false);
    expect(bankHolidays("scotland", 2100).size).toBeGreaterThan(0);
    expect(loaded).toBe(true);
  });
});
