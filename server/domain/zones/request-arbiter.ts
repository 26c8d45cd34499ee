// Traffic control for VDA 5050 3.0 zone and edge requests. Pure and synchronous: the caller feeds it each robot's
// current requests (from its state) and the clock, and sends the answers it returns.
// Policy (issue 18; the spec leaves the policy to fleet control):
// - one holder per RELEASE zone and per edge (CORRIDOR), first come first served; the others are QUEUED in arrival
//   order and GRANTED when the holder lets go. A robot lets go by dropping the request from its state (or reporting
//   it REVOKED / EXPIRED); a robot that asks again for what it holds is granted again with a new lease (renewal);
// - every grant has a lease: when it ends unrenewed the resource passes on (a robot that died inside a zone does not
//   block it for ever, and one that is alive must renew in time);
// - REPLANNING requests for COORDINATED_REPLANNING zones are granted without exclusion (the app plans no replanning);
//   anything else (unknown zone or edge, another zone set, a type the request does not fit, too many requests,
//   a full queue) is REJECTED with the reason recorded;
// - an operator can revoke a grant: the robot is told REVOKED; the resource stays held until the robot lets go or
//   the lease ends, because the robot may still be inside;
// - after a restart a robot that reports a request as GRANTED keeps it if the resource is free (adopted), else it
//   is REVOKED: two holders are never allowed.
import type { RequestStatus } from '../vda5050/messages';
import type { GrantType, RequestDecision, ResourceHolder, ResourceKind, ResourceStatus, ResourceWaiter, Zone } from './zone-types';

export interface ArbiterOptions {
  leaseMs: number;
  /** Requests one robot may have open; more are rejected. */
  maxRequestsPerRobot: number;
  /** Robots waiting for one resource; more are rejected. */
  maxQueue: number;
  /** A robot still reporting REQUESTED after an answer gets it again after this long (the answer may be lost). */
  resendMs: number;
}

export const DEFAULT_ARBITER_OPTIONS: ArbiterOptions = { leaseMs: 60_000, maxRequestsPerRobot: 16, maxQueue: 64, resendMs: 3_000 };

/** A request as a robot's state lists it, zone or edge alike. */
export interface ObservedRequest {
  kind: ResourceKind;
  /** zoneId or edgeId. */
  resource: string;
  /** Zone requests name their zone set; edge requests have none. */
  zoneSetId?: string;
  requestId: string;
  requestType: string;
  status: RequestStatus;
}

/** One answer to send to one robot (a `responses` entry). */
export interface Answer {
  robotId: number;
  requestId: string;
  grantType: GrantType;
  leaseExpiry: number | null;
}

/** One line of the request log. */
export interface Decision {
  robotId: number;
  kind: ResourceKind;
  resource: string;
  requestId: string;
  requestType: string;
  decision: RequestDecision;
  reason: string;
  leaseExpiry: number | null;
  at: number;
}

export interface ArbiterOutput {
  answers: Answer[];
  decisions: Decision[];
}

/** What the arbiter knows of the site: the zones of its zone set and the map's edges. */
export interface ArbiterSite {
  zoneSetId: string;
  zones: readonly Pick<Zone, 'zoneId' | 'zoneType'>[];
  edgeIds: Iterable<string>;
}

type Tracked = {
  kind: ResourceKind;
  resource: string;
  requestType: string;
  /** What the robot was told last. */
  answer: GrantType;
  answeredAt: number;
  leaseExpiry: number | null;
  /** Granted without exclusion (REPLANNING): nothing to release. */
  shared: boolean;
  /** The lease ended or the robot let go: the request is over whatever the robot still reports. */
  ended: boolean;
};

type Resource = { kind: ResourceKind; id: string; holder: ResourceHolder | null; queue: ResourceWaiter[] };

const keyOf = (kind: ResourceKind, id: string) => `${kind}:${id}`;

export class RequestArbiter {
  private readonly opts: ArbiterOptions;
  private readonly zoneTypes = new Map<string, string>();
  private readonly edges = new Set<string>();
  private readonly resources = new Map<string, Resource>();
  /** robotId → requestId → what was decided. */
  private readonly robots = new Map<number, Map<string, Tracked>>();
  private readonly zoneSetId: string;
  /** Robots' display names in reasons ("held by SIM-0004"). */
  private readonly nameOf: (robotId: number) => string;

  constructor(site: ArbiterSite, opts: Partial<ArbiterOptions> = {}, nameOf: (robotId: number) => string = (id) => `robot ${id}`) {
    this.opts = { ...DEFAULT_ARBITER_OPTIONS, ...opts };
    this.zoneSetId = site.zoneSetId;
    for (const z of site.zones) this.zoneTypes.set(z.zoneId, z.zoneType);
    for (const e of site.edgeIds) this.edges.add(e);
    this.nameOf = nameOf;
  }

  /** A robot's requests as its latest state lists them. */
  observe(robotId: number, requests: readonly ObservedRequest[], now: number): ArbiterOutput {
    const out: ArbiterOutput = { answers: [], decisions: [] };
    const tracked = this.robots.get(robotId) ?? new Map<string, Tracked>();
    this.robots.set(robotId, tracked);
    const listed = new Set<string>();
    for (const r of requests) {
      if (listed.has(r.requestId)) continue;
      listed.add(r.requestId);
      const t = tracked.get(r.requestId);
      if (t) this.onKnown(robotId, r, t, now, out);
      else if (tracked.size >= this.opts.maxRequestsPerRobot) {
        // Not tracked, so a robot cannot grow this map: it hears the refusal again at most once per resend period.
        this.refuseOverflow(robotId, r, now, out);
      } else this.onNew(robotId, r, tracked, now, out);
    }
    // What the robot no longer lists is over: the robot let go (or withdrew from a queue).
    for (const [requestId, t] of tracked) {
      if (listed.has(requestId)) continue;
      tracked.delete(requestId);
      if (!t.ended) this.release(robotId, requestId, t, 'RELEASED', 'the robot dropped the request', now, out);
    }
    if (tracked.size === 0) this.robots.delete(robotId);
    return out;
  }

  /**
   * Takes over holders and queues another arbiter decided (a new leader, from the last view the old one relayed):
   * a robot that asks again finds its grant or its place in the queue, rather than whoever reports first winning.
   * The view has no request types: ACCESS and CORRIDOR, the only exclusive ones, are assumed (they only label the log).
   */
  seed(statuses: readonly ResourceStatus[], now: number): void {
    const track = (robotId: number, requestId: string, res: Resource, answer: GrantType, leaseExpiry: number | null) => {
      const tracked = this.robots.get(robotId) ?? new Map<string, Tracked>();
      if (tracked.size >= this.opts.maxRequestsPerRobot) return false;
      this.robots.set(robotId, tracked);
      const requestType = res.kind === 'zone' ? 'ACCESS' : 'CORRIDOR';
      tracked.set(requestId, {
        kind: res.kind,
        resource: res.id,
        requestType,
        answer,
        answeredAt: now,
        leaseExpiry,
        shared: false,
        ended: false,
      });
      return true;
    };
    for (const st of statuses) {
      const known = st.kind === 'zone' ? this.zoneTypes.has(st.id) : this.edges.has(st.id);
      if (!known) continue;
      const res = this.resource(st.kind, st.id);
      if (res.holder || res.queue.length > 0) continue;
      const h = st.holder;
      if (h && track(h.robotId, h.requestId, res, h.revoked ? 'REVOKED' : 'GRANTED', h.revoked ? null : h.leaseExpiry))
        res.holder = { ...h };
      for (const w of st.queue.slice(0, this.opts.maxQueue))
        if (track(w.robotId, w.requestId, res, 'QUEUED', null)) res.queue.push({ ...w });
    }
  }

  /** Leases that ended pass their resource on. Call about once a second. */
  tick(now: number): ArbiterOutput {
    const out: ArbiterOutput = { answers: [], decisions: [] };
    for (const res of this.resources.values()) {
      const h = res.holder;
      if (!h || h.leaseExpiry > now) continue;
      const t = this.robots.get(h.robotId)?.get(h.requestId);
      if (t) t.ended = true;
      this.release(h.robotId, h.requestId, t ?? null, 'EXPIRED', `lease ended at ${new Date(h.leaseExpiry).toISOString()}`, now, out, res);
    }
    return out;
  }

  /** An operator takes a grant back. Returns the holder told, or null when nobody held it. */
  revoke(kind: ResourceKind, id: string, now: number, by: string): ArbiterOutput & { robotId: number | null } {
    const out: ArbiterOutput = { answers: [], decisions: [] };
    const res = this.resources.get(keyOf(kind, id));
    const h = res?.holder;
    if (!res || !h) return { ...out, robotId: null };
    h.revoked = true;
    const t = this.robots.get(h.robotId)?.get(h.requestId);
    if (t) {
      t.answer = 'REVOKED';
      t.answeredAt = now;
    }
    out.answers.push({ robotId: h.robotId, requestId: h.requestId, grantType: 'REVOKED', leaseExpiry: null });
    out.decisions.push(this.decision(h.robotId, res, h.requestId, t?.requestType ?? '', 'REVOKED', `revoked by ${by}`, null, now));
    return { ...out, robotId: h.robotId };
  }

  /** Every resource that is held or waited for. */
  status(): ResourceStatus[] {
    return [...this.resources.values()]
      .filter((r) => r.holder || r.queue.length)
      .map((r) => ({ kind: r.kind, id: r.id, holder: r.holder && { ...r.holder }, queue: r.queue.map((w) => ({ ...w })) }));
  }

  private onKnown(robotId: number, r: ObservedRequest, t: Tracked, now: number, out: ArbiterOutput) {
    if (t.ended) return;
    if (r.status === 'REVOKED' || r.status === 'EXPIRED') {
      t.ended = true;
      const why = r.status === 'REVOKED' ? 'the robot reports it revoked' : 'the robot reports the lease expired';
      this.release(robotId, r.requestId, t, r.status === 'EXPIRED' ? 'EXPIRED' : 'RELEASED', why, now, out);
      return;
    }
    // Still REQUESTED after our answer: it may not have arrived (QoS 0). GRANTED/QUEUED are said again.
    if (r.status === 'REQUESTED' && now - t.answeredAt >= this.opts.resendMs && t.answer !== 'REJECTED') {
      t.answeredAt = now;
      out.answers.push({ robotId, requestId: r.requestId, grantType: t.answer, leaseExpiry: t.leaseExpiry });
    }
  }

  private onNew(robotId: number, r: ObservedRequest, tracked: Map<string, Tracked>, now: number, out: ArbiterOutput) {
    const track = (answer: GrantType, leaseExpiry: number | null, shared = false): Tracked => {
      const t: Tracked = {
        kind: r.kind,
        resource: r.resource,
        requestType: r.requestType,
        answer,
        answeredAt: now,
        leaseExpiry,
        shared,
        ended: answer === 'REJECTED',
      };
      tracked.set(r.requestId, t);
      return t;
    };
    const refusal = this.refusalOf(r);
    if (refusal) {
      track('REJECTED', null);
      return this.answer(out, robotId, r, 'REJECTED', null, refusal, now);
    }
    if (r.kind === 'zone' && r.requestType === 'REPLANNING') {
      const lease = now + this.opts.leaseMs;
      track('GRANTED', lease, true);
      return this.answer(out, robotId, r, 'GRANTED', lease, 'replanning is not coordinated: granted without exclusion', now);
    }
    const res = this.resource(r.kind, r.resource);
    const h = res.holder;
    if (r.status === 'GRANTED' && !h) {
      // Granted before a restart of the app: kept, silently (the robot already knows), with a fresh lease.
      const lease = now + this.opts.leaseMs;
      track('GRANTED', lease);
      res.holder = { robotId, requestId: r.requestId, grantedAt: now, leaseExpiry: lease, revoked: false };
      out.decisions.push(
        this.decision(robotId, res, r.requestId, r.requestType, 'GRANTED', 'adopted: the robot reports it granted', lease, now),
      );
      return;
    }
    if (r.status !== 'REQUESTED') {
      // GRANTED by nobody we know of while another holds it, or REVOKED/EXPIRED already: nothing to grant.
      track('REVOKED', null).ended = true;
      if (r.status === 'GRANTED')
        this.answer(out, robotId, r, 'REVOKED', null, `reported granted but held by ${this.nameOf(h!.robotId)}`, now);
      return;
    }
    // A revoked holder asking again waits like anyone else: the operator took the zone away.
    if (!h || (h.robotId === robotId && !h.revoked)) {
      const lease = now + this.opts.leaseMs;
      if (h) {
        // Renewal: the old request is over; the new one holds.
        const old = this.robots.get(robotId)?.get(h.requestId);
        if (old) old.ended = true;
      }
      track('GRANTED', lease);
      res.holder = { robotId, requestId: r.requestId, grantedAt: h ? h.grantedAt : now, leaseExpiry: lease, revoked: false };
      return this.answer(out, robotId, r, 'GRANTED', lease, h ? 'renewed: the robot already held it' : 'free', now);
    }
    if (res.queue.length >= this.opts.maxQueue) {
      track('REJECTED', null);
      return this.answer(out, robotId, r, 'REJECTED', null, `queue full (${this.opts.maxQueue} robots wait)`, now);
    }
    res.queue.push({ robotId, requestId: r.requestId, since: now });
    track('QUEUED', null);
    this.answer(out, robotId, r, 'QUEUED', null, `held by ${this.nameOf(h.robotId)}; position ${res.queue.length} in the queue`, now);
  }

  private refusalOf(r: ObservedRequest): string | null {
    if (r.kind === 'edge') {
      if (r.requestType !== 'CORRIDOR') return `edge request type ${r.requestType} is not CORRIDOR`;
      return this.edges.has(r.resource) ? null : `unknown edge ${r.resource}`;
    }
    if (r.zoneSetId !== this.zoneSetId) return `zone set ${r.zoneSetId} is not the site's (${this.zoneSetId})`;
    const type = this.zoneTypes.get(r.resource);
    if (!type) return `unknown zone ${r.resource}`;
    if (r.requestType === 'ACCESS' && type !== 'RELEASE') return `zone ${r.resource} is ${type}: ACCESS requests are for RELEASE zones`;
    if (r.requestType === 'REPLANNING' && type !== 'COORDINATED_REPLANNING')
      return `zone ${r.resource} is ${type}: REPLANNING requests are for COORDINATED_REPLANNING zones`;
    return null;
  }

  private readonly overflowAnsweredAt = new Map<number, number>();

  private refuseOverflow(robotId: number, r: ObservedRequest, now: number, out: ArbiterOutput) {
    if (r.status !== 'REQUESTED') return;
    const last = this.overflowAnsweredAt.get(robotId);
    if (last !== undefined && now - last < this.opts.resendMs && last !== now) return;
    this.overflowAnsweredAt.set(robotId, now);
    if (this.overflowAnsweredAt.size > 10_000) this.overflowAnsweredAt.clear();
    this.answer(out, robotId, r, 'REJECTED', null, `more than ${this.opts.maxRequestsPerRobot} open requests`, now);
  }

  /** Ends a request: frees what it held (passing it to the next in the queue) or takes it out of the queue. */
  private release(
    robotId: number,
    requestId: string,
    t: Tracked | null,
    decision: 'RELEASED' | 'EXPIRED',
    reason: string,
    now: number,
    out: ArbiterOutput,
    known?: Resource,
  ) {
    const res = known ?? (t && !t.shared ? this.resources.get(keyOf(t.kind, t.resource)) : undefined);
    if (!res) return;
    const requestType = t?.requestType ?? '';
    if (res.holder?.robotId === robotId && res.holder.requestId === requestId) {
      out.decisions.push(this.decision(robotId, res, requestId, requestType, decision, reason, null, now));
      res.holder = null;
      this.promote(res, now, out);
    } else {
      const i = res.queue.findIndex((w) => w.robotId === robotId && w.requestId === requestId);
      if (i >= 0) {
        res.queue.splice(i, 1);
        out.decisions.push(this.decision(robotId, res, requestId, requestType, 'RELEASED', 'withdrawn while queued', null, now));
      }
    }
    if (!res.holder && res.queue.length === 0) this.resources.delete(keyOf(res.kind, res.id));
  }

  /** The first robot in the queue that still waits gets the resource. */
  private promote(res: Resource, now: number, out: ArbiterOutput) {
    while (res.queue.length) {
      const w = res.queue.shift()!;
      const t = this.robots.get(w.robotId)?.get(w.requestId);
      if (!t || t.ended) continue;
      const lease = now + this.opts.leaseMs;
      res.holder = { robotId: w.robotId, requestId: w.requestId, grantedAt: now, leaseExpiry: lease, revoked: false };
      t.answer = 'GRANTED';
      t.answeredAt = now;
      t.leaseExpiry = lease;
      out.answers.push({ robotId: w.robotId, requestId: w.requestId, grantType: 'GRANTED', leaseExpiry: lease });
      const waited = Math.round((now - w.since) / 100) / 10;
      out.decisions.push(this.decision(w.robotId, res, w.requestId, t.requestType, 'GRANTED', `was queued ${waited} s`, lease, now));
      return;
    }
  }

  private resource(kind: ResourceKind, id: string): Resource {
    const key = keyOf(kind, id);
    let res = this.resources.get(key);
    if (!res) {
      res = { kind, id, holder: null, queue: [] };
      this.resources.set(key, res);
    }
    return res;
  }

  private answer(
    out: ArbiterOutput,
    robotId: number,
    r: ObservedRequest,
    grantType: GrantType,
    leaseExpiry: number | null,
    reason: string,
    now: number,
  ) {
    out.answers.push({ robotId, requestId: r.requestId, grantType, leaseExpiry });
    out.decisions.push({
      robotId,
      kind: r.kind,
      resource: r.resource,
      requestId: r.requestId,
      requestType: r.requestType,
      decision: grantType,
      reason,
      leaseExpiry,
      at: now,
    });
  }

  private decision(
    robotId: number,
    res: Resource,
    requestId: string,
    requestType: string,
    decision: RequestDecision,
    reason: string,
    leaseExpiry: number | null,
    at: number,
  ): Decision {
    return { robotId, kind: res.kind, resource: res.id, requestId, requestType, decision, reason, leaseExpiry, at };
  }
}

/** A 3.0 state's zone and edge requests in the arbiter's terms. */
export function observedRequests(state: {
  zoneRequests?: readonly { requestId: string; requestType: string; zoneId: string; zoneSetId: string; requestStatus: RequestStatus }[];
  edgeRequests?: readonly { requestId: string; requestType: string; edgeId: string; requestStatus: RequestStatus }[];
}): ObservedRequest[] {
  const out: ObservedRequest[] = [];
  for (const z of state.zoneRequests ?? [])
    out.push({
      kind: 'zone',
      resource: z.zoneId,
      zoneSetId: z.zoneSetId,
      requestId: z.requestId,
      requestType: z.requestType,
      status: z.requestStatus,
    });
  for (const e of state.edgeRequests ?? [])
    out.push({ kind: 'edge', resource: e.edgeId, requestId: e.requestId, requestType: e.requestType, status: e.requestStatus });
  return out;
}
