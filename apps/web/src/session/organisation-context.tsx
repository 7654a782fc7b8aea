import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { organisationApi } from '../api/endpoints';
import { DEFAULT_TIME_ZONE } from '../components/format';

interface OrganisationDetails {
  timeZone: string;
}

const OrganisationContext = createContext<OrganisationDetails>({ timeZone: DEFAULT_TIME_ZONE });

/** Loads what screens need to know about the current organisation (its time zone, for writing dates). */
export function OrganisationProvider({
  organisationId,
  children,
}: {
  organisationId: string;
  children: ReactNode;
}) {
  const [details, setDetails] = useState<OrganisationDetails>({ timeZone: DEFAULT_TIME_ZONE });
  useEffect(() => {
    let live = true;
    organisationApi
      .get(organisationId)
      .then((org) => live && setDetails({ timeZone: org.timeZone || DEFAULT_TIME_ZONE }))
      // Dates fall back to UK time; every screen reports its own loading errors.
      .catch(() => live && setDetails({ timeZone: DEFAULT_TIME_ZONE }));
    return () => {
      live = false;
    };
  }, [organisationId]);
  return <OrganisationContext.Provider value={details}>{children}</OrganisationContext.Provider>;
}

export function useOrganisationDetails(): OrganisationDetails {
  return useContext(OrganisationContext);
}
