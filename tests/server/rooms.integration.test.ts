/**
 * Parallel rooms over a real server (issue 16): `roomScreens` beside the four links in the answers of
 * POST /api/meetings, the links API and a rotation; and two editors moving two rooms' live pointers at the
 * same moment through real WebsocketProviders, converging on every client and in the stored meeting.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { createMeeting, sampleMeeting, startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { waitFor } from '../helpers/waitFor.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { MAIN_ROOM, type MeetingJson } from '../../shared/document/meetingSchema.js';
import { addRoom, livePointers, readLiveOf, setLiveOf } from '../../shared/document/rooms.js';

const SEED = readFileSync(new URL('../fixtures/agenda-sec23.txt', import.meta.url));

interface Answer {
  id: string;
  links: Record<string, string>;
  roomScreens?: Record<string, string>;
  roomNames?: Record<string, string>;
  tokens: Record<string, string>;
}

async function post(ts: TestServer, body: BodyInit, type: string): Promise<Answer> {
  const res = await fetch(`${ts.url}/api/meetings`, { method: 'POST', headers: { authorization: `Bearer ${ts.adminToken}`, 'content-type': type }, body });
  expect(res.status).toBe(201);
  return (await res.json()) as Answer;
}

async function links(ts: TestServer, id: string): Promise<Answer> {
  const res = await fetch(`${ts.url}/api/meetings/${id}/links`, { headers: { authorization: `Bearer ${ts.adminToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}

describe('roomScreens', () => {
  it('answers each room of an imported agenda its screen link, the main room the screen link itself', async () => {
    const ts = await startTestServer();
    const created = await post(ts, SEED, 'text/plain');
    expect(Object.keys(created.links).sort()).toEqual(['chair', 'delegate', 'screen', 'secretary']);
    expect(Object.keys(created.roomScreens!)).toEqual([MAIN_ROOM, 'kumkang-4', 'kumkang-1', 'kumkang-1-2']);
    expect(created.roomScreens![MAIN_ROOM]).toBe(created.links.screen);
    expect(created.roomScreens!['kumkang-4']).toBe(`${created.links.screen}&room=kumkang-4`);
    expect(new URL(created.roomScreens!['kumkang-4']).searchParams.get('token')).toBe(created.tokens.screen);
    const listed = await links(ts, created.id);
    expect(listed.roomScreens).toEqual(created.roomScreens);
    // The links API names each room too (the admin page labels the room screens' links with it).
    expect(listed.roomNames).toEqual({ [MAIN_ROOM]: 'Kumkang 3', 'kumkang-4': 'Kumkang 4', 'kumkang-1': 'Kumkang 1', 'kumkang-1-2': 'Kumkang 1 & 2' });
    // The export holds the rooms, and creating a meeting from it gives them back.
    const exported = await fetch(`${ts.url}/api/meetings/${created.id}/export.json?token=${created.tokens.chair}`);
    const json = (await exported.json()) as MeetingJson;
    expect(json.rooms!.map((r) => r.name)).toEqual(['Kumkang 3', 'Kumkang 4', 'Kumkang 1', 'Kumkang 1 & 2']);
    const again = await post(ts, JSON.stringify(json), 'application/json');
    expect(Object.keys(again.roomScreens!)).toEqual(Object.keys(created.roomScreens!));
  });

  it('has no roomScreens for a meeting without rooms, and lists a room added at the board (also after a rotation)', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(2, 'One room'));
    expect((m as unknown as Answer).roomScreens).toBeUndefined();
    expect((await links(ts, m.id)).roomScreens).toBeUndefined();
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    const id = addRoom(chair.doc, 'Breakout A');
    const listed = await waitFor(async () => (await links(ts, m.id)).roomScreens, { what: 'roomScreens after adding a room' });
    expect(listed).toEqual({ [MAIN_ROOM]: m.links.screen, [id]: `${m.links.screen}&room=${id}` });
    const res = await fetch(`${ts.url}/api/meetings/${m.id}/tokens/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ts.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ roles: ['screen'] }),
    });
    const rotated = (await res.json()) as Answer;
    expect(rotated.links.screen).not.toBe(m.links.screen);
    expect(rotated.roomScreens![id]).toBe(`${rotated.links.screen}&room=${id}`);
  });
});

describe('two rooms live at once', () => {
  it('two editors moving their own room pointers concurrently converge everywhere, a delegate sees both', async () => {
    const ts = await startTestServer();
    const created = await post(ts, SEED, 'text/plain');
    const chair = connectClient(ts.syncUrl, created.id, created.tokens.chair);
    const secretary = connectClient(ts.syncUrl, created.id, created.tokens.secretary);
    const delegate = connectClient(ts.syncUrl, created.id, created.tokens.delegate);
    await Promise.all([chair.synced(), secretary.synced(), delegate.synced()]);
    const items = readMeeting(chair.doc).agenda.map((a) => a.id);
    const tdocs = readMeeting(chair.doc).contributions.map((c) => c.id);
    // The secretary goes offline, both move their room's pointer (and a banner) while apart, then meet again.
    secretary.provider.disconnect();
    for (let i = 0; i < 5; i++) {
      setLiveOf(chair.doc, MAIN_ROOM, { agendaItemId: items[i], contributionId: tdocs[i] ?? null });
      setLiveOf(secretary.doc, 'kumkang-4', { agendaItemId: items[items.length - 1 - i], banner: `Drafting ${i}` });
    }
    setLiveOf(secretary.doc, MAIN_ROOM, { banner: 'Coffee until 10:30' });
    setLiveOf(chair.doc, 'kumkang-4', { banner: 'Chair wrote this first' });
    secretary.provider.connect();
    const same = () => JSON.stringify(livePointers(chair.doc)) === JSON.stringify(livePointers(secretary.doc)) && JSON.stringify(livePointers(delegate.doc)) === JSON.stringify(livePointers(chair.doc));
    await waitFor(same, { what: 'the three clients to agree on every room' });
    const pointers = livePointers(delegate.doc);
    expect(pointers[0]).toMatchObject({ roomId: MAIN_ROOM, live: { agendaItemId: items[4], contributionId: tdocs[4], banner: 'Coffee until 10:30' } });
    expect(readLiveOf(delegate.doc, 'kumkang-4').agendaItemId).toBe(items[items.length - 5]);
    // The same concurrent banner write on one room: one of the two wins, the same on every replica.
    expect(['Drafting 4', 'Chair wrote this first']).toContain(readLiveOf(delegate.doc, 'kumkang-4').banner);
    // The stored meeting has it too: a new client reads the same rooms.
    const late = connectClient(ts.syncUrl, created.id, created.tokens.screen);
    await late.synced();
    expect(readMeeting(late.doc).rooms).toEqual(readMeeting(chair.doc).rooms);
    // A delegate's change to a room never reaches anyone.
    setLiveOf(delegate.doc, 'kumkang-1', { banner: 'delegate was here' });
    setLiveOf(chair.doc, 'kumkang-1', { banner: 'after' });
    await waitFor(() => readLiveOf(secretary.doc, 'kumkang-1').banner === 'after', { what: 'the chair\'s banner' });
    expect(readMeeting(late.doc).rooms!.some((r) => r.live.banner === 'delegate was here')).toBe(false);
  });
});
