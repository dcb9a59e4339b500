// Deterministic complaint history for the tagging benchmark, as NDJSON rows of the export shape
// (@complaintkit/tagging's ComplaintRow): N complaints for C customers over two years up to AS_OF, and
// a second file of M complaints received in the day after, for the incremental run.
//   node bench/tagging-generate.mjs [complaints=1000000] [customers=300000] [new=10000]
// Writes bench/.data/tagging-<complaints>.ndjson and bench/.data/tagging-<complaints>-new-<new>.ndjson.
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [N = 1_000_000, C = 300_000, M = 10_000] = process.argv.slice(2).map(Number);
export const AS_OF = Date.parse('2026-11-29T00:00:00+08:00');
const DAY = 86_400_000;
const SPAN = 730 * DAY;
const dir = join(dirname(fileURLToPath(import.meta.url)), '.data');
mkdirSync(dir, { recursive: true });

// mulberry32: the same seed always gives the same file.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
// Business-category shares after the regulator's bulletins (credit cards about half, personal loans a quarter).
const CATEGORIES = [['B0302', 0.5], ['B0202', 0.12], ['B0201', 0.1], ['B0301', 0.08], ['B04', 0.06], ['B01', 0.05], ['B08', 0.04], ['B09', 0.03], ['B99', 0.02]];
const INTAKE = ['hotline', 'mobile_app', 'outlet', 'online_banking', 'wechat'];
const GROUPS = ['elderly', 'disabled', 'police', 'frontline_medical', 'military_family', 'emergency_worker'];
const iso = (t) => new Date(t).toISOString();

function complaint(rnd, seq, receivedAt, now) {
  // Customers: a skewed draw so that some complain often (repeat complainers exist), 3% unknown.
  const customer = rnd() < 0.03 ? null : `RC${String(Math.floor(C * rnd() ** 1.6)).padStart(7, '0')}`;
  let u = rnd();
  let category = 'B99';
  for (const [code, share] of CATEGORIES) {
    u -= share;
    if (u < 0) {
      category = code;
      break;
    }
  }
  const row = {
    id: `CK${iso(receivedAt).slice(0, 10).replaceAll('-', '')}-${String(seq).padStart(7, '0')}`,
    status: 'closed',
    receivedAt: iso(receivedAt),
    updatedAt: iso(receivedAt),
    intakeChannel: rnd() < 0.05 ? 'regulator_transfer' : INTAKE[Math.floor(rnd() * INTAKE.length)],
    businessCategory: category,
    severity: rnd() < 0.97 ? 'normal' : rnd() < 0.5 ? 'complex' : rnd() < 0.7 ? 'sensitive' : 'major',
    customerId: customer,
    priorityGroups: rnd() < 0.03 ? [{ group: GROUPS[Math.floor(rnd() * GROUPS.length)], basis: rnd() < 0.6 ? 'verified' : 'self_reported' }] : [],
    decisionDueAt: null,
    respondedAt: null,
    followUpAt: null,
    satisfactionScore: null,
    decisionAccepted: null,
    reviewRequestedAt: null,
  };
  const decided = receivedAt + (1 + Math.floor(rnd() * 20)) * DAY;
  if (decided > now || rnd() < 0.01) {
    // Still undecided: open with its deadline (some already past it: overdue).
    row.status = 'in_progress';
    row.decisionDueAt = iso(receivedAt + 15 * DAY);
    row.updatedAt = iso(Math.min(now, receivedAt + DAY));
    return row;
  }
  row.respondedAt = iso(decided);
  row.updatedAt = iso(decided);
  if (rnd() < 0.7 && decided + 3 * DAY <= now) {
    const score = 1 + Math.floor(rnd() ** 0.6 * 5);
    row.followUpAt = iso(decided + 3 * DAY);
    row.satisfactionScore = Math.min(score, 5);
    row.decisionAccepted = score >= 3;
    row.updatedAt = row.followUpAt;
    if (score <= 2 && rnd() < 0.2 && decided + 10 * DAY <= now) {
      row.reviewRequestedAt = iso(decided + 10 * DAY);
      row.status = 'under_review';
      row.updatedAt = row.reviewRequestedAt;
    }
  }
  return row;
}

async function write(file, count, from, to, seed, seqBase) {
  const rnd = prng(seed);
  const out = createWriteStream(file);
  let buf = '';
  for (let i = 0; i < count; i++) {
    // Received times spread evenly over the span, in order.
    const receivedAt = from + Math.floor(((i + rnd()) / count) * (to - from));
    buf += `${JSON.stringify(complaint(rnd, seqBase + i + 1, receivedAt, to))}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

const full = join(dir, `tagging-${N}.ndjson`);
const fresh = join(dir, `tagging-${N}-new-${M}.ndjson`);
await write(full, N, AS_OF - SPAN, AS_OF, 20261129, 0);
await write(fresh, M, AS_OF, AS_OF + DAY, 20261130, N);
console.log(`wrote ${full} (${N} complaints, ${C} customers) and ${fresh} (${M} new)`);
