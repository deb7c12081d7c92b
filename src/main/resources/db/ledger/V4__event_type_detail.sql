-- What an event's type adds (its eventDetails keys and its blocks), kept as the snapshot's JSON
-- text: written out verbatim, never filtered or summed on, and read with the event's header so
-- that no statement is added per chunk. NULL: the type adds nothing.
ALTER TABLE ledger_event ADD COLUMN details VARCHAR;
ALTER TABLE ledger_event ADD COLUMN blocks VARCHAR;
