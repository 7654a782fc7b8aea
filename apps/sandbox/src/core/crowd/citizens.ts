import { Prng } from '../prng';
import { Citizen } from '../sandbox-network';

const ENGLISH_FIRST = [
  'Alice',
  'Ben',
  'Chloe',
  'Daniel',
  'Emma',
  'Faisal',
  'Grace',
  'Harry',
  'Isla',
  'Jack',
  'Kiran',
  'Leah',
  'Mohammed',
  'Olivia',
  'Priya',
  'Sam',
  'Tom',
  'Zara',
  'Aisha',
  'Joe',
];
const WELSH_FIRST = [
  'Rhiannon',
  'Dafydd',
  'Siân',
  'Gethin',
  'Carys',
  'Emyr',
  'Ffion',
  'Iolo',
  'Mared',
  'Owain',
  'Lowri',
  'Tomos',
  'Elin',
  'Nia',
  'Aled',
];
const SURNAMES = [
  'Smith',
  'Jones',
  'Williams',
  'Davies',
  'Evans',
  'Thomas',
  'Roberts',
  'Hughes',
  'Lewis',
  'Morgan',
  'Khan',
  'Patel',
  'Taylor',
  'Brown',
  'Walker',
  'Wright',
  'Ali',
  'Clarke',
  'Griffiths',
  'Price',
];

/** How many different people each seed's crowd has. */
export const CITIZEN_POOL_SIZE = 500;
/** Share of the crowd who write in Welsh. */
const WELSH_SHARE = 0.25;

/**
 * Citizen number `index` of the crowd for `seed`: the same person every time (name, handle, language),
 * whatever order items are produced in.
 */
export function citizenFor(seed: string, index: number): Citizen {
  const prng = new Prng(`${seed}:citizen:${index}`);
  const language = prng.next() < WELSH_SHARE ? 'cy' : 'en';
  const first = prng.pick(language === 'cy' ? WELSH_FIRST : ENGLISH_FIRST);
  const last = prng.pick(SURNAMES);
  // At most 6 + 1 + 5 + 3 = 15 characters of [a-z0-9_]: a valid X handle and Mastodon username.
  const handle = `${ascii(first).slice(0, 6)}_${ascii(last).slice(0, 5)}${index}`;
  return { key: handle, handle, displayName: `${first} ${last}`, language };
}

function ascii(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}
