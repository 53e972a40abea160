-- Which owners' mails a mail server took, by Message-ID (MailDeliveryLedger), so a mail whose queued message comes round
-- again after a node died is not sent a second time. Mails sent before this version have no row and need none.
CREATE TABLE IF NOT EXISTS photonsupport.mail_deliveries (
    message_id              varchar                     NOT NULL,
    attempt_started_at      timestamp with time zone    NULL,
    attempt_node            varchar                     NULL,
    delivered_at            timestamp with time zone    NULL,
    interrupted_attempts    integer                     NOT NULL DEFAULT 0,
CONSTRAINT pkey_mail_deliveries_message_id PRIMARY KEY (message_id)
);

