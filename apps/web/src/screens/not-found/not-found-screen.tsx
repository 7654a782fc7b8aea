import { Link } from 'react-router-dom';
import { PageHeading } from '../../components/page-heading';
import { PublicLayout } from '../../components/public-layout';

export function NotFoundScreen() {
  return (
    <PublicLayout>
      <PageHeading title="Page not found">
        <p>
          If you typed the web address, check it is correct. If you followed a link, it may be out of date.
        </p>
      </PageHeading>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </PublicLayout>
  );
}
