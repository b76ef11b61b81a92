// Changing petitions: create, edit a draft, gather co-sponsors, add co-organizers, close.
import { msg, renderMessage } from "@/lib/i18n/message";
import { randomBytes } from "node:crypto";
import { requireActor, type Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { conflict, DomainError, fieldConflict, forbidden, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getSettings, type Settings } from "@/lib/settings";
import { recordEvent } from "@/lib/timeline/record";
import { isRealDay } from "@/lib/validation";
import { findForOrganizer, findPetitionOr404 } from "./access";
import { assertCan, viewerOf } from "./policy";
import { invalidatePetitionPublic } from "./public-cache";
import { addressHash, addressKeys } from "./invite-address";
import { coOrganizerInputSchema, petitionInputSchema, type PetitionInput } from "./schema";

const DAY = 24 * 60 * 60 * 1000;

type Clock = { now?: Date };

export function slugify(title: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  const suffix = randomBytes(4).readUInt32BE(0).toString(36).slice(0, 5);
  return `${base || "petition"}-${suffix}`;
}

export function searchTextOf(p: { title: string; ask: string; addressedTo: string }): string {
  return `${p.title} ${p.ask} ${p.addressedTo}`.toLowerCase();
}

async function assertProgramExists(db: Db, programId: string | undefined) {
  if (!programId) return;
  const found = await db.program.findUnique({ where: { id: programId }, select: { id: true } });
  if (!found) {
    throw new DomainError("invalid_input", msg("Errors.petitions.monitoringProgramDoesExist"), { programId: msg("Errors.petitions.chooseProgramFromList") });
  }
}

/** The closing day offered by default in the form, as YYYY-MM-DD. */
export function defaultClosingDay(settings: Settings, now: Date = new Date()): string {
  return new Date(now.getTime() + settings.closingDaysDefault * DAY).toISOString().slice(0, 10);
}

/** Resolves the closing date: the default when empty, otherwise within the configured bounds. */
export function resolveClosingDate(closesOn: string | undefined, settings: Settings, now: Date): Date {
  if (!closesOn) return new Date(now.getTime() + settings.closingDaysDefault * DAY);
  if (!isRealDay(closesOn)) {
    throw new DomainError("invalid_input", msg("Errors.petitions.closingDateRealDate"), { closesOn: msg("Errors.petitions.notRealDate") });
  }
  const date = new Date(`${closesOn}T23:59:59.000Z`);
  const earliest = new Date(now.getTime() + settings.closingDaysMin * DAY);
  const latest = new Date(now.getTime() + (settings.closingDaysMax + 1) * DAY);
  if (date < earliest || date > latest) {
    const message = msg("Errors.petitions.closingDateBounds", { min: settings.closingDaysMin, max: settings.closingDaysMax });
    throw new DomainError("invalid_input", message, { closesOn: message });
  }
  return date;
}

export async function createPetition(db: Db, actor: Actor | null, input: PetitionInput | unknown, clock: Clock = {}) {
  const author = requireActor(actor, "start a petition");
  const data = parseInput(petitionInputSchema, input);
  const now = clock.now ?? new Date();
  const settings = await getSettings(db);
  const closesAt = resolveClosingDate(data.closesOn, settings, now);
  await assertProgramExists(db, data.programId);

  for (let attempt = 0; ; attempt++) {
    try {
      return await db.petition.create({
        data: {
          slug: slugify(data.title),
          title: data.title,
          ask: data.ask,
          background: data.background,
          addressedTo: data.addressedTo,
          goal: data.goal,
          responseThreshold: settings.responseThreshold,
          searchText: searchTextOf(data),
          state: "draft",
          coSponsorToken: randomBytes(18).toString("base64url"),
          closesAt,
          programId: data.programId ?? null,
          createdAt: now,
          organizers: { create: { userId: author.id, role: "starter", createdAt: now } },
        },
      });
    } catch (error) {
      // A slug collision is astronomically rare; try a new random suffix a few times.
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

export async function updateDraft(db: Db, actor: Actor | null, petitionId: string, input: unknown, clock: Clock = {}) {
  const editor = requireActor(actor, "edit a petition");
  const petition = await findPetitionOr404(db, { id: petitionId });
  assertCan(await viewerOf(db, editor, petition), petition, "edit");
  const data = parseInput(petitionInputSchema, input);
  const settings = await getSettings(db);
  const closesAt = resolveClosingDate(data.closesOn, settings, clock.now ?? new Date());
  await assertProgramExists(db, data.programId);
  return db.petition.update({
    where: { id: petitionId },
    data: {
      title: data.title,
      ask: data.ask,
      background: data.background,
      addressedTo: data.addressedTo,
      goal: data.goal,
      searchText: searchTextOf(data),
      closesAt,
      programId: data.programId ?? null,
    },
  });
}

/** Opens a petition inside a transaction, recording the public event. */
export async function openPetition(tx: Prisma.TransactionClient, petitionId: string, fromState: string, now: Date) {
  const { count } = await tx.petition.updateMany({
    where: { id: petitionId, state: fromState },
    data: { state: "open", openedAt: now },
  });
  if (count === 1) {
    const p = await tx.petition.findUniqueOrThrow({ where: { id: petitionId }, select: { title: true } });
    await recordEvent(tx, { kind: "petition_opened", petitionId, summary: msg("Timeline.petitionOpened", { title: p.title }), at: now });
  }
  return count === 1;
}

/**
 * The organizer sends the draft out for co-sponsors. With no co-sponsors required (setting 0)
 * it opens at once.
 */
export async function submitForCoSponsors(db: Db, actor: Actor | null, petitionId: string, clock: Clock = {}) {
  const organizer = requireActor(actor, "submit a petition");
  const petition = await findForOrganizer(db, organizer, { id: petitionId }, "submit it");
  if (petition.state !== "draft") throw conflict(msg("Errors.petitions.petitionHasAlreadyBeen"));
  const now = clock.now ?? new Date();
  if (petition.closesAt <= now) throw conflict(msg("Errors.petitions.closingDateHasPassed"));
  const settings = await getSettings(db);
  const submitted = await db.$transaction(async (tx) => {
    if (settings.coSponsorsNeeded === 0) {
      await openPetition(tx, petitionId, "draft", now);
    } else {
      await tx.petition.updateMany({ where: { id: petitionId, state: "draft" }, data: { state: "collecting" } });
    }
    return tx.petition.findUniqueOrThrow({ where: { id: petitionId } });
  });
  // Opened: the list, the timeline and the home page show it (decision 031).
  invalidatePetitionPublic(petitionId);
  return submitted;
}

/** How long an invitation to an address without an account waits for a first sign-in before it is deleted. */
export const ADDRESS_INVITE_DAYS = 90;

/** Deletes invitations to addresses that nobody signed in with in time: the hash is kept no longer than needed. */
async function dropExpiredAddressInvitations(db: Db, now: Date) {
  await db.coOrganizerAddressInvite.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - ADDRESS_INVITE_DAYS * DAY) } } });
}

/** What the organizer is told after inviting, whether or not the address has an account. */
/** What the organizer is told, in English (the JSON answer); the form says it in the reader's language. */
export const invitedMessage = (email: string) => renderMessage(msg("Actions.petitions.invited", { email }));

/**
 * An organizer invites a colleague by email; the colleague accepts or declines from "My
 * petitions". The answer is the same whether or not anyone has signed in with the address, so
 * inviting cannot be used to find out who uses Undersigned: an address with an account gets an
 * invitation at once, any other address a keyed hash of it (lib/petitions/invite-address.ts)
 * that becomes an invitation at that person's first sign-in (claimAddressInvitations).
 */
export async function inviteCoOrganizer(
  db: Db,
  actor: Actor | null,
  petitionId: string,
  input: unknown,
  opts: Clock & { secrets?: string[] } = {},
): Promise<{ email: string; message: string; petition: { slug: string } }> {
  const organizer = requireActor(actor, "invite a co-organizer");
  const { email } = parseInput(coOrganizerInputSchema, input);
  const petition = await findForOrganizer(db, organizer, { id: petitionId }, "invite co-organizers");
  // The key is needed on both paths, so a server without a secret fails the same way for every address.
  const [key] = addressKeys(opts.secrets);
  if (!key) throw new Error("AUTH_SECRET is not set; invitations by email need it.");
  const now = opts.now ?? new Date();
  await dropExpiredAddressInvitations(db, now);
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  // Organizers are listed on the petition, so saying that one already is discloses nothing new.
  if (user && (await db.petitionOrganizer.findUnique({ where: { petitionId_userId: { petitionId, userId: user.id } } }))) {
    throw fieldConflict("email", msg("Errors.petitions.alreadyOrganizer", { email }));
  }
  try {
    if (user) await db.coOrganizerInvite.create({ data: { petitionId, userId: user.id, createdAt: now } });
    else await db.coOrganizerAddressInvite.create({ data: { petitionId, addressHash: addressHash(email, key), createdAt: now } });
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldConflict("email", msg("Errors.petitions.alreadyInvited", { email }));
    throw error;
  }
  return { email, message: invitedMessage(email), petition: { slug: petition.slug } };
}

/**
 * At sign-in: invitations made to this person's address before they had an account become
 * ordinary pending invitations, and the hashed rows are deleted. Hashes under every configured
 * secret are tried, so rotating the secret does not lose them. Returns how many were claimed.
 */
export async function claimAddressInvitations(db: Db, user: { id: string; email: string }, secrets?: string[], clock: Clock = {}): Promise<number> {
  const hashes = addressKeys(secrets).map((key) => addressHash(user.email, key));
  if (hashes.length === 0) return 0;
  await dropExpiredAddressInvitations(db, clock.now ?? new Date());
  const rows = await db.coOrganizerAddressInvite.findMany({ where: { addressHash: { in: hashes } } });
  for (const row of rows) {
    await db.$transaction(async (tx) => {
      await tx.coOrganizerAddressInvite.deleteMany({ where: { id: row.id } });
      const organizer = await tx.petitionOrganizer.findUnique({ where: { petitionId_userId: { petitionId: row.petitionId, userId: user.id } } });
      if (organizer) return;
      await tx.coOrganizerInvite.upsert({
        where: { petitionId_userId: { petitionId: row.petitionId, userId: user.id } },
        create: { petitionId: row.petitionId, userId: user.id, createdAt: row.createdAt },
        update: {},
      });
    });
  }
  return rows.length;
}

/** The invitee accepts (becoming a co-organizer) or declines. */
export async function answerInvite(db: Db, actor: Actor | null, petitionId: string, accept: boolean, clock: Clock = {}) {
  const invitee = requireActor(actor, "answer an invitation");
  const invite = await db.coOrganizerInvite.findUnique({ where: { petitionId_userId: { petitionId, userId: invitee.id } }, include: { petition: { select: { slug: true } } } });
  if (!invite) throw notFound(msg("Errors.petitions.haveNoInvitationCo"));
  await db.$transaction(async (tx) => {
    await tx.coOrganizerInvite.delete({ where: { id: invite.id } });
    if (accept) {
      await tx.petitionOrganizer.create({ data: { petitionId, userId: invitee.id, role: "co-organizer", createdAt: clock.now ?? new Date() } });
    }
  });
  return { petition: invite.petition };
}

export async function listInvitations(db: Db, actor: Actor) {
  const rows = await db.coOrganizerInvite.findMany({ where: { userId: actor.id }, include: { petition: { select: { id: true, slug: true, title: true } } } });
  return rows.map((r) => r.petition);
}

/**
 * Removes a co-organizer. Organizers may remove co-organizers, and anyone may step down as a
 * co-organizer; the person who started the petition stays.
 */
export async function removeCoOrganizer(db: Db, actor: Actor | null, petitionId: string, userId: string) {
  const organizer = requireActor(actor, "remove a co-organizer");
  const petition = await findForOrganizer(db, organizer, { id: petitionId }, "remove co-organizers");
  const target = await db.petitionOrganizer.findUnique({ where: { petitionId_userId: { petitionId, userId } } });
  if (!target) throw notFound(msg("Errors.petitions.personOrganizerPetition"));
  if (target.role === "starter") throw forbidden(msg("Errors.petitions.personWhoStartedPetition"));
  await db.petitionOrganizer.delete({ where: { petitionId_userId: { petitionId, userId } } });
  return { petition: { slug: petition.slug } };
}

/**
 * The organizers, and how many invitations wait for an answer. Invitees are not named: an
 * invitation to an address without an account has no name to show, and naming only the others
 * would tell the organizers which addresses have accounts.
 */
export async function listOrganizersForManagement(db: Db, actor: Actor | null, petitionId: string) {
  const organizer = requireActor(actor, "manage organizers");
  await findForOrganizer(db, organizer, { id: petitionId }, "manage organizers");
  const [organizers, invited, invitedByAddress] = await Promise.all([
    db.petitionOrganizer.findMany({ where: { petitionId }, orderBy: { createdAt: "asc" }, include: { user: { select: { id: true, name: true } } } }),
    db.coOrganizerInvite.count({ where: { petitionId } }),
    db.coOrganizerAddressInvite.count({ where: { petitionId } }),
  ]);
  return {
    organizers: organizers.map((o) => ({ userId: o.user.id, name: o.user.name, role: o.role })),
    pendingInvitations: invited + invitedByAddress,
  };
}

/**
 * Delivers the petition to leadership: closes it if it is still open, records the delivery
 * and puts it on the timeline. Once.
 */
export async function deliverPetition(db: Db, actor: Actor | null, petitionId: string, clock: Clock = {}) {
  const organizer = requireActor(actor, "deliver a petition");
  const petition = await findPetitionOr404(db, { id: petitionId });
  assertCan(await viewerOf(db, organizer, petition), petition, "deliver");
  const now = clock.now ?? new Date();
  await db.$transaction(async (tx) => {
    if (petition.state === "open") await closeInTransaction(tx, petitionId, petition.title, now, petition.closesAt > now);
    const { count } = await tx.petition.updateMany({ where: { id: petitionId, deliveredAt: null }, data: { deliveredAt: now } });
    if (count !== 1) throw conflict(msg("Errors.petitions.petitionWasAlreadyDelivered"));
    await recordEvent(tx, {
      kind: "petition_delivered",
      petitionId,
      summary: msg("Timeline.petitionDelivered", { to: petition.addressedTo, count: petition.signatureCount, title: petition.title }),
      at: now,
    });
  });
  invalidatePetitionPublic(petitionId);
  return db.petition.findUniqueOrThrow({ where: { id: petitionId } });
}

async function closeInTransaction(tx: Prisma.TransactionClient, petitionId: string, title: string, now: Date, early: boolean) {
  const { count } = await tx.petition.updateMany({
    where: { id: petitionId, state: "open" },
    // closesAt becomes the real end, so "closed" lists sort by one column.
    data: { state: "closed", closedAt: now, ...(early ? { closesAt: now } : {}) },
  });
  if (count === 1) {
    await recordEvent(tx, {
      kind: "petition_closed",
      petitionId,
      summary: msg(early ? "Timeline.closedByOrganizers" : "Timeline.closedOnDate", { title }),
      at: now,
    });
  }
  return count === 1;
}

export async function closePetition(db: Db, actor: Actor | null, petitionId: string, clock: Clock = {}) {
  const organizer = requireActor(actor, "close a petition");
  const petition = await findPetitionOr404(db, { id: petitionId });
  assertCan(await viewerOf(db, organizer, petition), petition, "close");
  const now = clock.now ?? new Date();
  await db.$transaction((tx) => closeInTransaction(tx, petitionId, petition.title, now, petition.closesAt > now));
  invalidatePetitionPublic(petitionId);
  return db.petition.findUniqueOrThrow({ where: { id: petitionId } });
}

/** Closes every open petition whose closing date has passed. Run by the scheduler. */
export async function closeExpiredPetitions(db: Db, clock: Clock = {}): Promise<number> {
  const now = clock.now ?? new Date();
  const due = await db.petition.findMany({
    where: { state: "open", closesAt: { lte: now } },
    select: { id: true, title: true, closesAt: true },
  });
  let closed = 0;
  for (const p of due) {
    const done = await db.$transaction((tx) => closeInTransaction(tx, p.id, p.title, p.closesAt, false));
    if (done) {
      closed++;
      invalidatePetitionPublic(p.id);
    }
  }
  return closed;
}
