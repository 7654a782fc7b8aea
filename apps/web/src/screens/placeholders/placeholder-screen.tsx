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
  reports: {
    title: 'Reports',
    sentence:
      'Figures on how quickly your team answers people and how your posts went out will appear here, as charts with tables beneath.',
  },
} as const;
