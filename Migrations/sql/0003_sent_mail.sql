-- The mails the desk sent, by Message-ID (SentMailProjection, inline from OwnerNotified), so a reply, a mail of ours
-- coming back and a trigger delivered twice are looked up by key instead of by scanning the events.
CREATE TABLE IF NOT EXISTS photonsupport.mt_doc_sentmail (
    id                  varchar                     NOT NULL,
    data                jsonb                       NOT NULL,
    mt_last_modified    timestamp with time zone    NULL DEFAULT (transaction_timestamp()),
    mt_dotnet_type      varchar                     NULL,
    mt_version          bigint                      NOT NULL DEFAULT 0,
CONSTRAINT pkey_mt_doc_sentmail_id PRIMARY KEY (id)
);

-- The mails sent before this version, as the projection makes them: the event's fields under the document's names
-- (camel case, enums as strings, as the store writes both), Message-ID as the id.
INSERT INTO photonsupport.mt_doc_sentmail (id, data, mt_dotnet_type)
SELECT data->>'messageId',
       jsonb_build_object('id', data->'messageId', 'ticketId', data->'ticketId', 'kind', data->'kind', 'notifiedAt', data->'notifiedAt'),
       'PhotonSupport.Workers.Mail.SentMail'
FROM photonsupport.mt_events
WHERE type = 'owner_notified'
ON CONFLICT (id) DO NOTHING;
