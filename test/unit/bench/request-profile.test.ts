import { placeOf, selfTimeIn } from "../../../bench/support/profile";

const frame = (functionName: string, url: string) => ({
  functionName,
  url,
  scriptId: "0",
  lineNumber: 0,
  columnNumber: 0,
});

describe("where the benchmark's profile says a server's CPU went", () => {
  it("names a package (the innermost where packages nest), a folder of the bot's code, Node and the collector", () => {
    expect(placeOf(frame("expand", "file:///r/node_modules/adaptivecards-templating/lib/t.js"))).toBe(
      "adaptivecards-templating",
    );
    expect(
      placeOf(
        frame("x", "file:///r/node_modules/@microsoft/agents-hosting/node_modules/@azure/msal-node/a.js"),
      ),
    ).toBe("@azure/msal-node");
    expect(placeOf(frame("expand", "file:///r/dist/src/adapters/cards/render.js"))).toBe(
      "src/adapters/cards",
    );
    expect(placeOf(frame("run", "node:internal/streams/readable"))).toBe("Node and V8 built-ins");
    expect(placeOf(frame("stringify", ""))).toBe("Node and V8 built-ins");
    expect(placeOf(frame("(garbage collector)", ""))).toBe("garbage collection");
  });

  it("sums each place's self time inside the windows only, per window, leaving idle time out", () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(root)", "") },
        { id: 2, callFrame: frame("expand", "file:///r/dist/src/adapters/cards/render.js") },
        { id: 3, callFrame: frame("(idle)", "") },
        { id: 4, callFrame: frame("(garbage collector)", "") },
      ],
      startTime: 1000,
      endTime: 2000,
      // Samples at 1100, 1200, ... 1800 µs.
      samples: [2, 2, 3, 4, 2, 2, 2, 4],
      timeDeltas: [100, 100, 100, 100, 100, 100, 100, 100],
    };
    const windows = [
      [1150, 1450],
      [1550, 1650],
    ] as const;
    // In the first window: 1200 (cards), 1300 (idle), 1400 (collector); in the second: 1600 (cards).
    expect(selfTimeIn(profile, windows)).toEqual({ "src/adapters/cards": 0.1, "garbage collection": 0.05 });
    expect(() => selfTimeIn(profile, [[5000, 6000]])).toThrow(/clocks differ/);
  });
});
