-- Who finalised a period, as a name kept with it: finalising from the command line (or the
-- system) has no user row, so `finalised_by` stays NULL and the Berita Acara said when the
-- period was finalised but not by whom. The name is what the actor was called at the time.
ALTER TABLE program_period ADD COLUMN finalised_by_name text;
