// Behaviour of the working-day calendar: bank holidays (with substitute days) in each UK region, closure
// days, the cut-off either side of the clock changes, deadlines and their explanations, and bad input.
import fc from "fast-check";

import {
  addCalendarDays,
  CalendarError,
  type CalendarErrorCode,
  createCalendar,
  DEFAULT_CUT_OFF,
  formatDay,
  isLocalDate,
  isRegion,
  type LocalDate,
  type Region,
  REGION_NAMES,
  REGIONS,
  type WorkingCalendar,
} from "../../../src/domain/calendar";

const england = createCalendar();
const scotland = createCalendar({ region: "scotland" });
const northernIreland = createCalendar({ region: "northern-ireland" });

function expectCalendarError(run: () => unknown, code: CalendarErrorCode, message?: RegExp): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(CalendarError);
  const error = thrown as CalendarError;
  expect(error.code).toBe(code);
  expect(error.name).toBe("CalendarError");
  if (message !== undefined) expect(error.message).toMatch(message);
}

/** Every Monday-to-Friday day of a year that the calendar does not count. */
function weekdaysOff(calendar: WorkingCalendar, year: number): LocalDate[] {
  const off: LocalDate[] = [];
  for (let day = `${year}-01-01`; day.startsWith(String(year)); day = addCalendarDays(day, 1)) {
    const reason = calendar.nonWorkingReason(day);
    if (reason !== undefined && reason !== "Saturday" && reason !== "Sunday") off.push(day);
  }
  return off;
}

describe("regions and plain helpers", () => {
  it("names the three UK regions", () => {
    expect(REGIONS).toEqual(["england-and-wales", "scotland", "northern-ireland"]);
    expect(REGION_NAMES).toEqual({
      "england-and-wales": "England and Wales",
      scotland: "Scotland",
      "northern-ireland": "Northern Ireland",
    });
    expect(isRegion("scotland")).toBe(true);
    expect(isRegion("wales")).toBe(false);
    expect(isRegion("Scotland")).toBe(false);
  });

  it("accepts only real days written YYYY-MM-DD", () => {
    for (const good of ["2026-11-27", "2028-02-29", "2000-02-29", "2026-12-31"])
      expect(isLocalDate(good)).toBe(true);
    for (const bad of [
      "2026-02-29",
      "1900-02-29",
      "2026-13-01",
      "2026-00-10",
      "2026-04-31",
      "2026-1-01",
      "20260101",
      " 2026-01-01",
      "2026-01-01T00:00",
      "",
    ]) {
      expect(isLocalDate(bad)).toBe(false);
    }
  });

  it("writes days the way a reader says them", () => {
    expect(formatDay("2026-11-27")).toBe("Friday 27 November 2026");
    expect(formatDay("2027-01-04")).toBe("Monday 4 January 2027");
    expect(formatDay("2028-02-29")).toBe("Tuesday 29 February 2028");
  });

  it("adds plain calendar days across month, year and leap-day boundaries", () => {
    expect(addCalendarDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addCalendarDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addCalendarDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addCalendarDays("2026-11-20", 0)).toBe("2026-11-20");
    expect(addCalendarDays("2026-01-01", 365)).toBe("2027-01-01");
  });
});

describe("London's date and time of an instant", () => {
  it("reads each instant in London time, summer and winter, the same however often it is asked", () => {
    for (let i = 0; i < 3; i++) {
      expect([
        england.localDate("2026-07-01T23:30:00.000Z"),
        england.localTime("2026-07-01T23:30:00.000Z"),
      ]).toEqual(["2026-07-02", "00:30"]);
      expect([
        england.localDate("2026-12-01T23:30:00.000Z"),
        england.localTime("2026-12-01T23:30:00.000Z"),
      ]).toEqual(["2026-12-01", "23:30"]);
    }
    expect(england.localTime("2026-10-25T01:30:00+01:00")).toBe("01:30");
    expect(() => england.localTime("25 October")).toThrow("An instant must be an ISO-8601 date and time");
  });
});

describe("settings", () => {
  it("defaults to England and Wales, no closure days and a 17:00 cut-off", () => {
    expect(DEFAULT_CUT_OFF).toBe("17:00");
    expect(england.settings).toEqual({ region: "england-and-wales", closureDays: [], cutOff: "17:00" });
  });

  it("keeps closure days sorted and once each", () => {
    const calendar = createCalendar({ closureDays: ["2026-12-30", "2026-12-29", "2026-12-30"] });
    expect(calendar.settings.closureDays).toEqual(["2026-12-29", "2026-12-30"]);
  });

  it("rejects an unknown region, a malformed closure day and a malformed cut-off", () => {
    expectCalendarError(() => createCalendar({ region: "wales" as Region }), "invalid-region", /wales/);
    expectCalendarError(() => createCalendar({ closureDays: ["2026-02-30"] }), "invalid-date", /closure day/);
    expectCalendarError(() => createCalendar({ closureDays: ["30/12/2026"] }), "invalid-date", /YYYY-MM-DD/);
    for (const cutOff of ["5pm", "17:0", "24:00", "17:60", "17.00", ""]) {
      expectCalendarError(() => createCalendar({ cutOff }), "invalid-time", /cut-off/);
    }
  });
});

describe("bank holidays, including substitute days", () => {
  it("England and Wales 2026, with Boxing Day's substitute on Monday 28 December", () => {
    expect(weekdaysOff(england, 2026)).toEqual([
      "2026-01-01",
      "2026-04-03",
      "2026-04-06",
      "2026-05-04",
      "2026-05-25",
      "2026-08-31",
      "2026-12-25",
      "2026-12-28",
    ]);
    expect(england.nonWorkingReason("2026-12-25")).toBe("Christmas Day (bank holiday)");
    expect(england.nonWorkingReason("2026-12-26")).toBe("Saturday");
    expect(england.nonWorkingReason("2026-12-28")).toBe("Boxing Day (substitute day) (bank holiday)");
  });

  it("England and Wales: Christmas 2027 and New Year 2028 fall at weekends and move to Mondays and Tuesdays", () => {
    expect(england.nonWorkingReason("2027-12-27")).toBe("Christmas Day (substitute day) (bank holiday)");
    expect(england.nonWorkingReason("2027-12-28")).toBe("Boxing Day (substitute day) (bank holiday)");
    expect(england.nonWorkingReason("2028-01-03")).toBe("New Year's Day (substitute day) (bank holiday)");
    expect(england.isWorkingDay("2028-01-04")).toBe(true);
  });

  it("England and Wales: the one-off days of 2022 and 2023 count", () => {
    expect(england.isWorkingDay("2022-09-19")).toBe(false);
    expect(england.isWorkingDay("2023-05-08")).toBe(false);
  });

  it("Scotland 2026: 2 January, the first Monday of August and St Andrew's Day, but not Easter Monday", () => {
    expect(weekdaysOff(scotland, 2026)).toEqual([
      "2026-01-01",
      "2026-01-02",
      "2026-04-03",
      "2026-05-04",
      "2026-05-25",
      "2026-08-03",
      "2026-11-30",
      "2026-12-25",
      "2026-12-28",
    ]);
    expect(scotland.isWorkingDay("2026-04-06")).toBe(true);
    expect(scotland.isWorkingDay("2026-08-31")).toBe(true);
    expect(england.isWorkingDay("2026-08-03")).toBe(true);
    expect(scotland.nonWorkingReason("2026-11-30")).toBe("St Andrew's Day (bank holiday)");
  });

  it("Scotland: 2 January 2027 (a Saturday) moves to Monday 4 January", () => {
    expect(scotland.nonWorkingReason("2027-01-04")).toBe("January 2nd (substitute day) (bank holiday)");
    expect(england.isWorkingDay("2027-01-04")).toBe(true);
  });

  it("Scotland: 1 and 2 January 2028 (Saturday and Sunday) move to Monday 3 and Tuesday 4 January", () => {
    expect(scotland.isWorkingDay("2028-01-03")).toBe(false);
    expect(scotland.isWorkingDay("2028-01-04")).toBe(false);
    expect(scotland.nextWorkingDay("2027-12-31")).toBe("2028-01-05");
    expect(england.nextWorkingDay("2027-12-31")).toBe("2028-01-04");
  });

  it("Scotland: St Andrew's Day at a weekend moves to the Monday after", () => {
    expect(scotland.nonWorkingReason("2024-12-02")).toBe("St Andrew's Day (substitute day) (bank holiday)");
    expect(scotland.nonWorkingReason("2025-12-01")).toBe("St Andrew's Day (substitute day) (bank holiday)");
    expect(scotland.nonWorkingReason("2031-12-01")).toBe("St Andrew's Day (substitute day) (bank holiday)");
    expect(england.isWorkingDay("2025-12-01")).toBe(true);
  });

  it("Northern Ireland 2026: St Patrick's Day, and the Battle of the Boyne moved to Monday 13 July", () => {
    expect(weekdaysOff(northernIreland, 2026)).toEqual([
      "2026-01-01",
      "2026-03-17",
      "2026-04-03",
      "2026-04-06",
      "2026-05-04",
      "2026-05-25",
      "2026-07-13",
      "2026-08-31",
      "2026-12-25",
      "2026-12-28",
    ]);
    expect(northernIreland.nonWorkingReason("2026-03-17")).toBe("St Patrick's Day (bank holiday)");
    expect(northernIreland.nonWorkingReason("2026-07-13")).toBe(
      "Battle of the Boyne (Orangemen's Day) (substitute day) (bank holiday)",
    );
    expect(england.isWorkingDay("2026-03-17")).toBe(true);
  });

  it("Northern Ireland: St Patrick's Day at a weekend moves to the Monday after", () => {
    // 17 March 2024 and 2030 are Sundays, 17 March 2029 a Saturday.
    for (const day of ["2024-03-18", "2029-03-19", "2030-03-18"]) {
      expect(northernIreland.nonWorkingReason(day)).toBe("St Patrick's Day (substitute day) (bank holiday)");
      expect(england.isWorkingDay(day)).toBe(true);
    }
    expect(northernIreland.isWorkingDay("2025-07-14")).toBe(false);
  });

  it("counts weekends as non-working whatever the holidays", () => {
    expect(england.nonWorkingReason("2026-11-21")).toBe("Saturday");
    expect(england.nonWorkingReason("2026-11-22")).toBe("Sunday");
    expect(england.nonWorkingReason("2026-11-23")).toBeUndefined();
    expect(england.isWorkingDay("2026-11-23")).toBe(true);
  });
});

describe("council closure days", () => {
  const closedOverChristmas = createCalendar({
    closureDays: ["2026-12-24", "2026-12-29", "2026-12-30", "2026-12-31", "2026-12-25"],
  });

  it("are not working days, and a bank holiday is still named as one", () => {
    expect(closedOverChristmas.isWorkingDay("2026-12-29")).toBe(false);
    expect(closedOverChristmas.nonWorkingReason("2026-12-29")).toBe("council closure day");
    expect(closedOverChristmas.nonWorkingReason("2026-12-25")).toBe("Christmas Day (bank holiday)");
    expect(england.isWorkingDay("2026-12-29")).toBe(true);
  });

  it("push deadlines past the closure", () => {
    const deadline = closedOverChristmas.deadline("2026-12-23T10:00:00Z", 5);
    expect(deadline.due).toBe("2027-01-08");
    expect(closedOverChristmas.workingDaysBetween("2026-12-23", "2027-01-08")).toBe(5);
  });

  it("a calendar with no working day within a year is refused rather than scanned for ever", () => {
    const everyDay: LocalDate[] = [];
    for (let day = "2026-01-01"; day < "2027-06-01"; day = addCalendarDays(day, 1)) everyDay.push(day);
    const closed = createCalendar({ closureDays: everyDay });
    expectCalendarError(() => closed.nextWorkingDay("2026-01-01"), "no-working-days", /closure days/);
    expectCalendarError(() => closed.previousWorkingDay("2027-05-31"), "no-working-days");
    expectCalendarError(() => closed.deadline("2026-03-02T09:00:00Z", 1), "no-working-days");
  });
});

describe("the London day of an instant", () => {
  it("follows British Summer Time", () => {
    expect(england.localDate("2026-06-30T23:30:00Z")).toBe("2026-07-01");
    expect(england.localDate("2026-12-31T23:30:00Z")).toBe("2026-12-31");
    expect(england.localDate("2026-07-01T00:30:00+01:00")).toBe("2026-07-01");
    expect(england.localDate("2026-07-01T08:00:00-05:00")).toBe("2026-07-01");
  });

  it("turns a London wall-clock time into a UTC instant in both GMT and BST", () => {
    expect(england.at("2026-11-20", "09:30")).toBe("2026-11-20T09:30:00.000Z");
    expect(england.at("2026-06-30", "17:00")).toBe("2026-06-30T16:00:00.000Z");
    expect(england.startOfDay("2026-06-30")).toBe("2026-06-29T23:00:00.000Z");
    expect(england.startOfDay("2026-12-01")).toBe("2026-12-01T00:00:00.000Z");
  });

  it("resolves the times that clock changes skip or repeat", () => {
    expect(england.at("2026-03-29", "01:30")).toBe("2026-03-29T01:30:00.000Z");
    expect(england.at("2026-10-25", "00:59")).toBe("2026-10-24T23:59:00.000Z");
    expect(england.at("2026-10-25", "01:30")).toBe("2026-10-25T01:30:00.000Z");
  });

  it("gives the same answer however often it is asked, and refuses a bad time every time", () => {
    for (let i = 0; i < 3; i++) {
      expect(england.at("2026-06-30", "17:00")).toBe("2026-06-30T16:00:00.000Z");
      expect(england.startOfDay("2026-06-30")).toBe("2026-06-29T23:00:00.000Z");
      expect(() => england.at("2026-06-30", "25:00")).toThrow(CalendarError);
      expect(() => england.at("2026-02-30", "17:00")).toThrow(CalendarError);
      expect(() => england.localDate("2026-06-30T25:00:00Z")).toThrow(CalendarError);
    }
  });
});

describe("when a concern counts as received (day 0)", () => {
  it("a working day before the cut-off is day 0 itself", () => {
    expect(england.receiptDay("2026-11-20T09:30:00.000Z")).toEqual({ day0: "2026-11-20" });
  });

  it("a Saturday counts from the Monday", () => {
    expect(england.receiptDay("2026-11-21T10:00:00Z")).toEqual({
      day0: "2026-11-23",
      deferred: "non-working-day",
    });
  });

  it("just after midnight on Saturday in summer is Saturday in London, though Friday in UTC", () => {
    expect(england.receiptDay("2026-06-26T23:30:00Z")).toEqual({
      day0: "2026-06-29",
      deferred: "non-working-day",
    });
  });

  it("a bank holiday counts from the next working day", () => {
    expect(england.receiptDay("2026-12-28T09:00:00Z")).toEqual({
      day0: "2026-12-29",
      deferred: "non-working-day",
    });
    expect(england.receiptDay("2026-12-24T18:00:00Z")).toEqual({
      day0: "2026-12-29",
      deferred: "after-cut-off",
    });
  });

  describe.each([
    [
      "the Friday before the clocks go forward (GMT)",
      "2026-03-27",
      "16:59:59.999Z",
      "17:00:00.000Z",
      "2026-03-30",
    ],
    [
      "the Monday after the clocks go forward (BST)",
      "2026-03-30",
      "15:59:00.000Z",
      "16:00:00.000Z",
      "2026-03-31",
    ],
    [
      "the Friday before the clocks go back (BST)",
      "2026-10-23",
      "15:59:00.000Z",
      "16:00:00.000Z",
      "2026-10-26",
    ],
    [
      "the Monday after the clocks go back (GMT)",
      "2026-10-26",
      "16:59:00.000Z",
      "17:00:00.000Z",
      "2026-10-27",
    ],
  ])("the 17:00 cut-off on %s", (_label, day, justBefore, atCutOff, nextWorkingDay) => {
    it("16:59 local time is still that day", () => {
      expect(england.receiptDay(`${day}T${justBefore}`)).toEqual({ day0: day });
      expect(england.at(day, "16:59")).toBe(`${day}T${justBefore.slice(0, 5)}:00.000Z`);
    });

    it("17:00 local time counts from the next working day", () => {
      expect(england.at(day, "17:00")).toBe(`${day}T${atCutOff}`);
      expect(england.receiptDay(`${day}T${atCutOff}`)).toEqual({
        day0: nextWorkingDay,
        deferred: "after-cut-off",
      });
    });
  });

  it("reads the cut-off in London time, not UTC", () => {
    // 16:30 UTC is 17:30 BST: after the cut-off although it is before 17:00 in UTC.
    expect(england.receiptDay("2026-03-30T16:30:00Z")).toEqual({
      day0: "2026-03-31",
      deferred: "after-cut-off",
    });
    expect(england.receiptDay("2026-03-30T17:00:00+01:00")).toEqual({
      day0: "2026-03-31",
      deferred: "after-cut-off",
    });
  });

  it("uses the council's own cut-off", () => {
    const early = createCalendar({ cutOff: "16:00" });
    expect(early.receiptDay("2026-11-20T15:59:00Z")).toEqual({ day0: "2026-11-20" });
    expect(early.receiptDay("2026-11-20T16:00:00Z")).toEqual({
      day0: "2026-11-23",
      deferred: "after-cut-off",
    });
  });
});

describe("deadlines", () => {
  it("within 5 working days of Friday 20 November 2026 is the end of Friday 27 November", () => {
    expect(england.deadline("2026-11-20T09:30:00Z", 5)).toEqual({
      receivedAt: "2026-11-20T09:30:00.000Z",
      countedFrom: "2026-11-20",
      workingDays: 5,
      due: "2026-11-27",
      dueBy: "2026-11-28T00:00:00.000Z",
      rule:
        "Within 5 working days: by the end of Friday 27 November 2026. Day 0 is Friday 20 November 2026, the day " +
        "the concern was received; weekends, England and Wales bank holidays and council closure days are not counted.",
    });
  });

  it("explains a concern received after the cut-off", () => {
    const deadline = england.deadline("2026-11-20T17:42:00Z", 5);
    expect(deadline.countedFrom).toBe("2026-11-23");
    expect(deadline.deferred).toBe("after-cut-off");
    expect(deadline.due).toBe("2026-11-30");
    expect(deadline.rule).toBe(
      "Within 5 working days: by the end of Monday 30 November 2026. Received at 17:42 on Friday 20 November " +
        "2026, after the 17:00 cut-off, so day 0 is Monday 23 November 2026; weekends, England and Wales bank " +
        "holidays and council closure days are not counted.",
    );
    expect(england.deadline("2026-11-20T17:00:00Z", 5).rule).toContain(
      "Received at 17:00 on Friday 20 November 2026, at the 17:00 cut-off, so day 0 is Monday 23 November 2026;",
    );
  });

  it("explains a concern received on a non-working day, and names the region", () => {
    const deadline = scotland.deadline("2026-11-21T10:00:00Z", 5);
    // Monday 30 November is St Andrew's Day in Scotland.
    expect(deadline.due).toBe("2026-12-01");
    expect(deadline.deferred).toBe("non-working-day");
    expect(deadline.rule).toBe(
      "Within 5 working days: by the end of Tuesday 1 December 2026. Received on Saturday 21 November 2026, " +
        "which is not a working day, so day 0 is Monday 23 November 2026; weekends, Scotland bank holidays and " +
        "council closure days are not counted.",
    );
    expect(northernIreland.deadline("2026-11-21T10:00:00Z", 5).rule).toContain(
      "Northern Ireland bank holidays",
    );
  });

  it("Christmas 2026: skips Christmas Day, the Boxing Day substitute and New Year's Day", () => {
    const deadline = england.deadline("2026-12-23T10:00:00Z", 5);
    expect(deadline.countedFrom).toBe("2026-12-23");
    expect(deadline.due).toBe("2027-01-04");
    expect(deadline.dueBy).toBe("2027-01-05T00:00:00.000Z");
    // 4 January 2027 is the substitute for 2 January in Scotland.
    expect(scotland.deadline("2026-12-23T10:00:00Z", 5).due).toBe("2027-01-05");
  });

  it("Easter 2027: skips Good Friday and, outside Scotland, Easter Monday", () => {
    const deadline = england.deadline("2027-03-25T10:00:00Z", 5);
    expect(deadline.due).toBe("2027-04-05");
    expect(deadline.dueBy).toBe("2027-04-05T23:00:00.000Z");
    expect(scotland.deadline("2027-03-25T10:00:00Z", 5).due).toBe("2027-04-02");
  });

  it("ends at London midnight whichever side of a clock change the due day is", () => {
    expect(england.deadline("2026-03-20T09:00:00Z", 5).dueBy).toBe("2026-03-28T00:00:00.000Z");
    expect(england.deadline("2026-10-16T09:00:00Z", 5).dueBy).toBe("2026-10-23T23:00:00.000Z");
  });

  it("0 working days is due on day 0, and 1 working day reads in the singular", () => {
    const sameDay = england.deadline("2026-11-20T09:30:00Z", 0);
    expect(sameDay.due).toBe("2026-11-20");
    expect(sameDay.dueBy).toBe("2026-11-21T00:00:00.000Z");
    expect(sameDay.rule).toMatch(/^Due on day 0: by the end of Friday 20 November 2026\. /);
    expect(england.deadline("2026-11-21T10:00:00Z", 0).due).toBe("2026-11-23");
    expect(england.deadline("2026-11-20T09:30:00Z", 1).rule).toMatch(
      /^Within 1 working day: by the end of Monday/,
    );
  });

  it("a deadline set as a date counts its working days and says who set it", () => {
    const deadline = england.dateDeadline(
      "2026-11-20T09:30:00Z",
      "2026-12-04",
      "set by the IRO according to the child's needs",
    );
    expect(deadline).toEqual({
      receivedAt: "2026-11-20T09:30:00.000Z",
      countedFrom: "2026-11-20",
      workingDays: 10,
      due: "2026-12-04",
      dueBy: "2026-12-05T00:00:00.000Z",
      rule:
        "Due by the end of Friday 4 December 2026, a date set by the IRO according to the child's needs (10 " +
        "working days after day 0). Day 0 is Friday 20 November 2026, the day the concern was received; weekends, " +
        "England and Wales bank holidays and council closure days are not counted.",
    });
    expect(england.dateDeadline("2026-11-20T09:30:00Z", "2026-11-20", "agreed at the meeting").rule).toMatch(
      /^Due by the end of Friday 20 November 2026, a date agreed at the meeting \(day 0 itself\)\. /,
    );
  });

  it("refuses a date deadline on a non-working day, before day 0, or without a basis", () => {
    expectCalendarError(
      () => england.dateDeadline("2026-11-20T09:30:00Z", "2026-12-28", "set by the IRO"),
      "not-a-working-day",
      /Boxing Day/,
    );
    expectCalendarError(
      () => england.dateDeadline("2026-11-20T17:30:00Z", "2026-11-20", "set by the IRO"),
      "before-day-0",
      /Monday 23 November 2026/,
    );
    expectCalendarError(
      () => england.dateDeadline("2026-11-20T09:30:00Z", "2026-12-04", " "),
      "invalid-basis",
    );
    expectCalendarError(
      () => england.dateDeadline("2026-11-20T09:30:00Z", "4/12/2026", "set"),
      "invalid-date",
    );
  });
});

describe("working-day arithmetic", () => {
  it("steps to the next and previous working day across a holiday weekend", () => {
    expect(england.nextWorkingDay("2026-12-24")).toBe("2026-12-29");
    expect(england.previousWorkingDay("2026-12-29")).toBe("2026-12-24");
    expect(england.nextWorkingDay("2026-11-20")).toBe("2026-11-23");
    expect(england.previousWorkingDay("2026-11-23")).toBe("2026-11-20");
  });

  it("counts working days strictly after the first day up to and including the last", () => {
    expect(england.workingDaysBetween("2026-11-20", "2026-11-27")).toBe(5);
    expect(england.workingDaysBetween("2026-11-20", "2026-11-20")).toBe(0);
    expect(england.workingDaysBetween("2026-11-27", "2026-11-20")).toBe(0);
    expect(england.workingDaysBetween("2026-12-23", "2027-01-04")).toBe(5);
    // 365 days, 261 weekdays, 8 of them bank holidays.
    expect(england.workingDaysBetween("2025-12-31", "2026-12-31")).toBe(253);
  });

  it("adds working days from day 0", () => {
    expect(england.addWorkingDays("2026-11-20", 0)).toBe("2026-11-20");
    expect(england.addWorkingDays("2026-11-21", 0)).toBe("2026-11-21");
    expect(england.addWorkingDays("2026-11-21", 1)).toBe("2026-11-23");
    expect(england.addWorkingDays("2026-12-23", 5)).toBe("2027-01-04");
  });
});

describe("bad input", () => {
  it("rejects malformed or unreal days", () => {
    expectCalendarError(() => england.isWorkingDay("2026-02-30"), "invalid-date", /not a real calendar date/);
    expectCalendarError(() => england.nextWorkingDay("27/11/2026"), "invalid-date", /YYYY-MM-DD/);
    expectCalendarError(() => england.workingDaysBetween("2026-11-20", "2026-11"), "invalid-date");
    expectCalendarError(() => england.at("2026-11-31", "09:00"), "invalid-date");
    expectCalendarError(() => formatDay("tomorrow"), "invalid-date");
    expectCalendarError(() => addCalendarDays("2026-11-20", 1.5), "invalid-date");
  });

  it("rejects days outside the years the calendar covers", () => {
    expectCalendarError(() => england.isWorkingDay("3026-11-20"), "out-of-range", /1900 to 2199/);
    expectCalendarError(() => england.receiptDay("0026-11-20T09:00:00Z"), "out-of-range");
  });

  it("rejects instants that are malformed or carry no offset", () => {
    for (const at of [
      "2026-11-20",
      "2026-11-20 09:30",
      "2026-11-20T09:30:00",
      "2026-11-31T09:30:00Z",
      "soon",
    ]) {
      expectCalendarError(() => england.receiptDay(at), "invalid-instant", /instant/);
    }
    expectCalendarError(() => england.deadline("2026-11-20T25:00:00Z", 5), "invalid-instant");
  });

  it("rejects negative, fractional and non-finite numbers of working days", () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectCalendarError(
        () => england.addWorkingDays("2026-11-20", n),
        "invalid-working-days",
        /whole number/,
      );
      expectCalendarError(() => england.deadline("2026-11-20T09:30:00Z", n), "invalid-working-days");
    }
  });

  it("rejects malformed times", () => {
    for (const time of ["9:30", "09:30:00", "24:00", "noon"]) {
      expectCalendarError(() => england.at("2026-11-20", time), "invalid-time", /HH:mm/);
    }
  });
});

describe("properties", () => {
  const RUNS = { numRuns: 200 };
  const FIRST_DAY = "2020-01-01";
  const SPAN = 5844; // 2020-01-01 to 2035-12-31

  const dayArb = fc.integer({ min: 0, max: SPAN }).map((offset) => addCalendarDays(FIRST_DAY, offset));
  const regionArb = fc.constantFrom(...REGIONS);
  const calendarArb = fc
    .record({
      region: regionArb,
      closureDays: fc.uniqueArray(dayArb, { maxLength: 15 }),
      cutOffMinute: fc.integer({ min: 9 * 60, max: 20 * 60 }),
    })
    .map(({ region, closureDays, cutOffMinute }) =>
      createCalendar({ region, closureDays, cutOff: hhmm(cutOffMinute) }),
    );
  const timeArb = fc.integer({ min: 0, max: 24 * 60 - 1 }).map(hhmm);

  function hhmm(minute: number): string {
    return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
  }

  function minutesOf(time: string): number {
    return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  }

  it("a deadline's day 0 and due day are working days, in order, and due by the London midnight after", () => {
    fc.assert(
      fc.property(calendarArb, dayArb, timeArb, fc.nat({ max: 40 }), (calendar, day, time, n) => {
        const deadline = calendar.deadline(calendar.at(day, time), n);
        expect(calendar.isWorkingDay(deadline.countedFrom)).toBe(true);
        expect(calendar.isWorkingDay(deadline.due)).toBe(true);
        expect(deadline.due >= deadline.countedFrom).toBe(true);
        expect(deadline.countedFrom >= day).toBe(true);
        expect(calendar.workingDaysBetween(deadline.countedFrom, deadline.due)).toBe(n);
        expect(deadline.dueBy).toBe(calendar.startOfDay(addCalendarDays(deadline.due, 1)));
        expect(deadline.rule).toContain(REGION_NAMES[calendar.settings.region]);
        expect(deadline.rule).toContain(formatDay(deadline.due));
      }),
      RUNS,
    );
  });

  it("dueBy is strictly after every instant on the due day, and the next day starts there", () => {
    fc.assert(
      fc.property(calendarArb, dayArb, fc.nat({ max: 30 }), timeArb, (calendar, day, n, time) => {
        const { due, dueBy } = calendar.deadline(calendar.at(day, "09:00"), n);
        const lastMoment = new Date(Date.parse(dueBy) - 1).toISOString();
        expect(calendar.localDate(lastMoment)).toBe(due);
        expect(calendar.localDate(dueBy)).toBe(addCalendarDays(due, 1));
        expect(Date.parse(calendar.at(due, time))).toBeLessThan(Date.parse(dueBy));
      }),
      RUNS,
    );
  });

  it("adding working days composes when day 0 is a working day", () => {
    fc.assert(
      fc.property(calendarArb, dayArb, fc.nat({ max: 60 }), fc.nat({ max: 60 }), (calendar, day, n, m) => {
        const day0 = calendar.isWorkingDay(day) ? day : calendar.nextWorkingDay(day);
        expect(calendar.addWorkingDays(calendar.addWorkingDays(day0, n), m)).toBe(
          calendar.addWorkingDays(day0, n + m),
        );
        expect(calendar.workingDaysBetween(day0, calendar.addWorkingDays(day0, n))).toBe(n);
      }),
      RUNS,
    );
  });

  it("counting working days agrees with checking each day in between", () => {
    fc.assert(
      fc.property(calendarArb, dayArb, fc.integer({ min: -10, max: 800 }), (calendar, from, length) => {
        const to = addCalendarDays(from, length);
        let expected = 0;
        for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) {
          if (calendar.isWorkingDay(day)) expected += 1;
        }
        expect(calendar.workingDaysBetween(from, to)).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });

  it("the next and previous working days skip only non-working days", () => {
    fc.assert(
      fc.property(calendarArb, dayArb, (calendar, day) => {
        const next = calendar.nextWorkingDay(day);
        const previous = calendar.previousWorkingDay(day);
        expect(next > day && previous < day).toBe(true);
        expect(calendar.isWorkingDay(next) && calendar.isWorkingDay(previous)).toBe(true);
        for (
          let between = addCalendarDays(previous, 1);
          between < next;
          between = addCalendarDays(between, 1)
        ) {
          if (between !== day) expect(calendar.isWorkingDay(between)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it("a working day is day 0 before the cut-off and hands over to the next working day from it", () => {
    fc.assert(
      fc.property(calendarArb, dayArb, timeArb, (calendar, someDay, time) => {
        const day = calendar.isWorkingDay(someDay) ? someDay : calendar.nextWorkingDay(someDay);
        const receipt = calendar.receiptDay(calendar.at(day, time));
        if (minutesOf(time) < minutesOf(calendar.settings.cutOff)) {
          expect(receipt).toEqual({ day0: day });
        } else {
          expect(receipt).toEqual({ day0: calendar.nextWorkingDay(day), deferred: "after-cut-off" });
        }
      }),
      RUNS,
    );
  });

  it("a London wall-clock time maps back to its own day", () => {
    fc.assert(
      fc.property(dayArb, (day) => {
        expect(england.localDate(england.at(day, "08:00"))).toBe(day);
        expect(england.localDate(england.startOfDay(day))).toBe(day);
      }),
      RUNS,
    );
  });

  it("a date deadline on the due day of a counted deadline agrees with it", () => {
    fc.assert(
      fc.property(calendarArb, dayArb, timeArb, fc.nat({ max: 30 }), (calendar, day, time, n) => {
        const receivedAt = calendar.at(day, time);
        const counted = calendar.deadline(receivedAt, n);
        const dated = calendar.dateDeadline(
          receivedAt,
          counted.due,
          "set by the IRO according to the child's needs",
        );
        expect({ ...dated, rule: "" }).toEqual({ ...counted, rule: "" });
      }),
      RUNS,
    );
  });
});
