-- The gate event that created an entry log (its entry, or an exit that had no open entry). Gate events are
-- recorded many to a transaction; the key lets a batch find the ids of the entry logs it just inserted.
ALTER TABLE entry_logs
    ADD COLUMN opened_by_event VARCHAR(64) NULL AFTER source,
    ADD UNIQUE KEY uk_entry_logs_opened_by (opened_by_event);
