import { PageHeading } from '../../components/page-heading';

interface PlaceholderScreenProps {
  title: string;
  /** One honest sentence about what this screen will hold once it is built. */
  sentence: string;
}

export function PlaceholderScreen({ title, sentence }: PlaceholderScreenProps) {
  return (
    <>
      <PageHeading title={title} />
      <p>{sentence}</p>
      <p className="muted">This part of Outside In is not built yet.</p>
    </>
  );
}

export const PLACEHOLDERS = {
  calendar: {
    title: 'Calendar',
    sentence:
      'Your team’s planned, scheduled and published posts will appear here by month, by week or as a list, so you can see what goes out when.',
  },
  inbox: {
    title: 'Inbox',
    sentence:
      'Replies, mentions, comments and direct messages from all your channels will arrive here, so your team can answer each person once.',
  },
  approvals: {
    title: 'Approvals',
    sentence:
      'Posts and replies waiting for your approval will be listed here, with a preview of each, so you can approve them or send them back.',
  },
  reports: {
    title: 'Reports',
    sentence:
      'Figures on how quickly your team answers people and how your posts went out will appear here, as charts with tables beneath.',
  },
} as const;
