import { BilingualSettingsScreen } from './bilingual-settings-screen';
import { CoachSettingsScreen } from './coach-settings-screen';
import { OfficeHoursScreen } from './office-hours-screen';
import { QuietPeriodsScreen } from './quiet-periods-screen';
import { RetentionScreen } from './retention-screen';
import { SafeguardingScreen } from './safeguarding-screen';

/** The guardrail settings pages, under /settings; every member reads them, owners and admins change them. */
export const GUARDRAIL_SETTINGS_ROUTES = [
  { path: 'office-hours', element: <OfficeHoursScreen /> },
  { path: 'quiet-periods', element: <QuietPeriodsScreen /> },
  { path: 'safeguarding', element: <SafeguardingScreen /> },
  { path: 'retention', element: <RetentionScreen /> },
  { path: 'writing-coach', element: <CoachSettingsScreen /> },
  { path: 'bilingual', element: <BilingualSettingsScreen /> },
];

/** Their links in the Settings navigation. */
export const GUARDRAIL_SETTINGS_PAGES = [
  { to: '/settings/office-hours', label: 'Office hours' },
  { to: '/settings/quiet-periods', label: 'Quiet periods' },
  { to: '/settings/safeguarding', label: 'Safeguarding' },
  { to: '/settings/retention', label: 'Retention' },
  { to: '/settings/writing-coach', label: 'Writing coach' },
  { to: '/settings/bilingual', label: 'Bilingual posts' },
];
