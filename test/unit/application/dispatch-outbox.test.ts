// Sending what an escalation owes: each message once, whoever dispatches and whenever they crash.
import { type DispatchDeps, dispatchOutbox, LEASE_MS } from "../../../src/application/dispatch-outbox";
import { raiseEscalation } from "../../../src/application/raise-escalation";
import type { Escalation } from "../../../src/domain/escalation";
import { claim } from "../../../src/domain/outbox";
import type { EscalationStore } from "../../../src/domain/ports";
import { RecordingChannel } from "../../fakes/recording-channel";
import { personNamed, sampleRaiseForm, testServices } from "../../fakes/services";

const iro = personNamed("Priya Shah");

async function raisedOne() {
  const t = testServices();
  const outcome = await raiseEscalation(t.services, iro.id, sampleRaiseForm());
  if (outcome.kind !== "raised") throw new Error(`not raised: ${JSON.stringify(outcome)}`);
  const notifier = new RecordingChannel();
  const deps: DispatchDeps = {
    store: t.store,
    channel: notifier,
    logger: t.logger,
    now: () => t.clock.now(),
  };
  return { ...t, id: outcome.escalation.id, notifier, deps };
}

describe("dispatching the outbox", () => {
  test("sends every owed message once, and marks it sent", async () => {
    const { id, notifier, deps, store } = await raisedOne();
    const result = await dispatchOutbox(deps, id);
    expect(result).toEqual({ sent: 4, undelivered: 0 });
    expect(notifier.sent.map((s) => `${s.item.kind} → ${s.item.to.name}`).sort()).toEqual([
      "raised-confirmation → Priya Shah",
      "stage-assigned → Daniel Reid",
      "stage-copy → Hannah Brooks",
      "stage-copy → Helen Marsh",
    ]);
    const stored = (await store.get(id))!.value;
    expect(stored.outbox.every((m) => m.status === "sent" && m.sentAt === "2026-11-04T10:00:00.000Z")).toBe(
      true,
    );
    expect(await dispatchOutbox(deps, id)).toEqual({ sent: 0, undelivered: 0 });
    expect(notifier.sent).toHaveLength(4);
  });

  test("two dispatchers at once send each message once", async () => {
    const { id, notifier, deps } = await raisedOne();
    await Promise.all([dispatchOutbox(deps, id), dispatchOutbox(deps, id), dispatchOutbox(deps, id)]);
    const ids = notifier.sent.map((s) => s.item.id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
  });

  test("a dispatcher that died after claiming: a later run sends once the claim has run out", async () => {
    const { id, notifier, deps, store, clock } = await raisedOne();
    const stored = (await store.get(id))!;
    const until = new Date(Date.parse(clock.now()) + 120_000).toISOString();
    await store.replace(
      claim(stored.value, clock.now(), { until, by: "a-dispatcher-that-died" }).escalation,
      stored.etag,
    );

    clock.advance(60_000);
    expect(await dispatchOutbox(deps, id)).toEqual({ sent: 0, undelivered: 0 });
    clock.advance(61_000);
    expect(await dispatchOutbox(deps, id)).toEqual({ sent: 4, undelivered: 0 });
    expect(notifier.sent).toHaveLength(4);
  });

  test("a person without the bot installed: the message stays owed with the reason, and goes when it can", async () => {
    const { id, notifier, deps, store, clock } = await raisedOne();
    const manager = personNamed("Daniel Reid");
    notifier.unreachable.add(manager.id);
    // Three sent, and the notice to the IRO saying who was not reached.
    expect(await dispatchOutbox(deps, id)).toEqual({ sent: 4, undelivered: 1 });
    const owed = (await store.get(id))!.value.outbox.filter((m) => m.status === "pending");
    expect(owed).toEqual([
      expect.objectContaining({
        kind: "stage-assigned",
        lastError: "no-conversation-reference",
        attempts: 1,
      }),
    ]);

    notifier.unreachable.delete(manager.id);
    clock.advance(5 * 60_000);
    expect(await dispatchOutbox(deps, id)).toEqual({ sent: 0, undelivered: 0 });
    clock.advance(11 * 60_000);
    expect(await dispatchOutbox(deps, id)).toEqual({ sent: 1, undelivered: 0 });
    const after = (await store.get(id))!.value.outbox.find((m) => m.kind === "stage-assigned")!;
    expect(after).toMatchObject({ status: "sent", attempts: 2 });
    expect(after.lastError).toBeUndefined();
  });

  test("someone out of reach: the IRO is told in the same dispatch, once however often it fails again", async () => {
    const { id, notifier, deps, store, clock } = await raisedOne();
    const manager = personNamed("Daniel Reid");
    notifier.unreachable.add(manager.id);
    await dispatchOutbox(deps, id);
    const notices = () => notifier.sent.filter((s) => s.item.kind === "unreachable-notice");
    expect(notices().map((s) => [s.item.to.name, s.item.data])).toEqual([
      [iro.name, { personId: manager.id, personName: manager.name, reason: "no-conversation-reference" }],
    ]);
    for (let run = 0; run < 3; run++) {
      clock.advance(16 * 60_000);
      expect(await dispatchOutbox(deps, id)).toEqual({ sent: 0, undelivered: 1 });
    }
    expect(notices()).toHaveLength(1);
    const stored = (await store.get(id))!.value;
    expect(stored.outbox.find((m) => m.kind === "stage-assigned")).toMatchObject({
      status: "pending",
      attempts: 4,
    });
  });

  test("a passing failure of the channel (throttling, an outage) is retried without troubling the IRO", async () => {
    const { id, notifier, deps } = await raisedOne();
    notifier.failing.add(personNamed("Daniel Reid").id);
    expect(await dispatchOutbox(deps, id)).toEqual({ sent: 3, undelivered: 1 });
    expect(notifier.sent.map((s) => s.item.kind)).not.toContain("unreachable-notice");
  });

  test("when the IRO herself cannot be reached, no notice is owed to her about it", async () => {
    const { id, notifier, deps, store } = await raisedOne();
    notifier.unreachable.add(iro.id);
    expect(await dispatchOutbox(deps, id)).toEqual({ sent: 3, undelivered: 1 });
    const kinds = (await store.get(id))!.value.outbox.map((m) => m.kind);
    expect(kinds).not.toContain("unreachable-notice");
  });
});

/** The store as a process sees it that dies at its next write once `armed`: the write never lands. */
function dyingAtNextWrite(store: EscalationStore): EscalationStore & { armed: boolean } {
  const dying = Object.create(store) as EscalationStore & { armed: boolean };
  dying.armed = false;
  dying.replace = (escalation: Escalation, etag: string) => {
    if (dying.armed) return Promise.reject(new Error("the process died"));
    return store.replace(escalation, etag);
  };
  return dying;
}

describe("hardening point 7: the duplicate-send window after a crash", () => {
  test("sends that succeeded whose 'sent' mark was lost: those messages go again, once each, after the lease and no sooner", async () => {
    const { id, notifier, deps, store, clock } = await raisedOne();
    const dying = dyingAtNextWrite(store);
    // The four are sent, and the process dies before the write that marks them sent lands.
    notifier.onSend = () => {
      if (notifier.sent.length === 4) dying.armed = true;
    };
    const crashedAt = clock.now();
    await expect(dispatchOutbox({ ...deps, store: dying }, id)).rejects.toThrow("the process died");
    expect(notifier.sent).toHaveLength(4);
    notifier.onSend = () => undefined;

    // While the claim holds, nobody sends.
    clock.advance(LEASE_MS - 1);
    expect(await dispatchOutbox(deps, id)).toEqual({ sent: 0, undelivered: 0 });
    clock.advance(1);
    expect(await dispatchOutbox(deps, id)).toEqual({ sent: 4, undelivered: 0 });

    const ids = notifier.sent.map((s) => s.item.id);
    expect(ids.slice(4).sort()).toEqual(ids.slice(0, 4).sort());
    expect(new Set(ids).size).toBe(4);
    // The window measured: the messages went again LEASE_MS (one minute) after the crash.
    expect(Date.parse(clock.now()) - Date.parse(crashedAt)).toBe(LEASE_MS);
    expect((await store.get(id))!.value.outbox.every((m) => m.status === "sent")).toBe(true);
    expect(await dispatchOutbox(deps, id)).toEqual({ sent: 0, undelivered: 0 });
  });

  test("a crash before any send, or in the claim, sends nothing twice", async () => {
    const { id, notifier, deps, store, clock } = await raisedOne();
    const dying = dyingAtNextWrite(store);
    dying.armed = true;
    await expect(dispatchOutbox({ ...deps, store: dying }, id)).rejects.toThrow("the process died");
    expect(notifier.sent).toHaveLength(0);
    clock.advance(1);
    expect(await dispatchOutbox(deps, id)).toEqual({ sent: 4, undelivered: 0 });
    expect(new Set(notifier.sent.map((s) => s.item.id)).size).toBe(4);
    expect(notifier.sent).toHaveLength(4);
  });

  test("the messages of one claim are marked sent in one write", async () => {
    const { id, deps, store } = await raisedOne();
    let writes = 0;
    const counting = Object.create(store) as EscalationStore;
    counting.replace = (escalation: Escalation, etag: string) => {
      writes += 1;
      return store.replace(escalation, etag);
    };
    expect(await dispatchOutbox({ ...deps, store: counting }, id)).toEqual({ sent: 4, undelivered: 0 });
    // One write claims, one marks the four sent.
    expect(writes).toBe(2);
  });

  test("sends slower than the lease in all write what they sent and renew the claim: the dispatcher keeps its messages", async () => {
    const { id, notifier, deps, clock } = await raisedOne();
    let rival: Promise<unknown> = Promise.resolve();
    // Each send takes 40 seconds: four take 160, well past one lease of 60.
    notifier.onSend = () => {
      clock.advance(40_000);
      if (notifier.sent.length === 3) rival = dispatchOutbox(deps, id);
    };

    expect(await dispatchOutbox(deps, id)).toEqual({ sent: 4, undelivered: 0 });
    await rival;
    const ids = notifier.sent.map((s) => s.item.id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
  });
});

describe("reminders and working hours", () => {
  test("a reminder owed is held outside working hours while messages caused by an action go at once", async () => {
    const { id, notifier, deps, store, clock } = await raisedOne();
    const stored = (await store.get(id))!;
    const chase = {
      id: "stage-1:overdue-chase:2026-11-12:x",
      kind: "overdue-chase" as const,
      to: personNamed("Daniel Reid"),
      stageId: "stage-1",
      createdAt: clock.now(),
      status: "pending" as const,
      attempts: 0,
    };
    await store.replace({ ...stored.value, outbox: [...stored.value.outbox, chase] }, stored.etag);
    let working = false;
    const withHours = { ...deps, remindersMayGo: () => working };

    expect(await dispatchOutbox(withHours, id)).toEqual({ sent: 4, undelivered: 0 });
    expect(notifier.sent.map((s) => s.item.kind)).not.toContain("overdue-chase");

    working = true;
    expect(await dispatchOutbox(withHours, id)).toEqual({ sent: 1, undelivered: 0 });
    expect(notifier.sent.at(-1)?.item.kind).toBe("overdue-chase");
  });
});
