// The bounded memo the calendar, the record's fonts and the cards keep their results in.
import { BoundedMemo } from "../../../src/domain/memo";

it("computes a value once and keeps it", () => {
  const memo = new BoundedMemo<number>(3);
  let computed = 0;
  const square = (n: number) => memo.get(String(n), () => (computed++, n * n));
  expect([square(2), square(2), square(3)]).toEqual([4, 4, 9]);
  expect(computed).toBe(2);
});

it("holds no more than its limit, letting the oldest go first", () => {
  const memo = new BoundedMemo<string>(2);
  memo.keep("a", "first");
  memo.keep("b", "second");
  memo.keep("a", "first again");
  memo.keep("c", "third");
  expect(memo.find("a")).toBeUndefined();
  expect(memo.find("b")).toBe("second");
  expect(memo.find("c")).toBe("third");
});

it("keeps nothing for a computation that throws", () => {
  const memo = new BoundedMemo<number>(2);
  expect(() =>
    memo.get("x", () => {
      throw new Error("bad input");
    }),
  ).toThrow("bad input");
  expect(memo.find("x")).toBeUndefined();
  expect(memo.get("x", () => 1)).toBe(1);
});
