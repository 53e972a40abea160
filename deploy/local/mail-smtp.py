#!/usr/bin/python3
# The SMTP half of the local mail server (deploy/local/mail.sh): an aiosmtpd server on
# 127.0.0.1 that hands every accepted message to Dovecot over LMTP, so whatever is sent
# to it lands in the one local mailbox that IMAP serves. Run by the system /usr/bin/python3
# because Debian's python3-aiosmtpd is installed for that interpreter only.
#
#   mail-smtp.py PORT LMTP_SOCKET MAILBOX_USER PASSWORD_FILE PID_FILE
#
# PID_FILE is written once the port is listening (mail.sh stops the server by it).
#
# Every recipient is delivered to MAILBOX_USER (a catch-all): the local server stands in for
# both the support mailbox and the customers' mail providers, so tests can read back
# whatever the product sent. The envelope recipients are kept in an X-Original-To header.
# A recipient in the reserved .invalid domain is refused with 550, as a provider refuses an
# address it does not have.
#
# AUTH PLAIN/LOGIN is offered without TLS (loopback only) and, when a client uses it, must
# match MAILBOX_USER and the password in PASSWORD_FILE; unauthenticated senders are
# accepted too, as a real MX accepts customers' mail.
import asyncio
import hmac
import logging
import os
import signal
import smtplib
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class LmtpHandler:
    def __init__(self, lmtp_socket, mailbox_user):
        self.lmtp_socket = lmtp_socket
        self.mailbox_user = mailbox_user

    def deliver(self, mail_from, rcpt_tos, content):
        header = ("X-Original-To: " + ", ".join(rcpt_tos) + "\r\n").encode("utf-8")
        # smtplib.LMTP treats a host starting with '/' as a Unix socket path.
        with smtplib.LMTP(self.lmtp_socket) as lmtp:
            lmtp.sendmail(mail_from or "<>", [self.mailbox_user], header + content)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        # RFC 2606 reserves .invalid: a recipient there is refused for good, as an MX refuses a
        # mailbox it does not have, so what the product does with a 5xx can be seen.
        if address.lower().endswith(".invalid"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        # smtplib blocks; keep the event loop serving other connections meanwhile.
        try:
            await asyncio.get_running_loop().run_in_executor(
                None, self.deliver, envelope.mail_from, envelope.rcpt_tos, envelope.original_content)
        except Exception as e:  # a failed hand-over must be a temporary failure, never a silent loss
            print(f"mail-smtp.py: LMTP delivery failed: {e!r}", file=sys.stderr, flush=True)
            return "451 4.3.0 Local delivery failed, try again later"
        return "250 2.0.0 OK: delivered"


def make_authenticator(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and hmac.compare_digest(auth_data.login, user.encode("utf-8"))
              and hmac.compare_digest(auth_data.password, password.encode("utf-8")))
        # handled=False: aiosmtpd then answers a failure with 535 itself (handled=True would
        # leave the client waiting for a reply nobody sends).
        return AuthResult(success=ok, handled=False, auth_data=auth_data)
    return authenticate


async def main():
    # aiosmtpd 1.4 itself sets its deprecated Session.login_data on every login and logs a
    # warning about it each time: noise in smtp.log.
    logging.getLogger("mail.log").addFilter(lambda record: "login_data is deprecated" not in record.getMessage())
    port, lmtp_socket, mailbox_user, password_file, pid_file = sys.argv[1:6]
    with open(password_file, encoding="utf-8") as f:
        password = f.read().strip()
    handler = LmtpHandler(lmtp_socket, mailbox_user)
    authenticator = make_authenticator(mailbox_user, password)

    def factory():
        return SMTP(handler, hostname="photonsupport.localhost", enable_SMTPUTF8=True,
                    authenticator=authenticator, auth_required=False, auth_require_tls=False)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, host="127.0.0.1", port=int(port))
    with open(pid_file, "w", encoding="utf-8") as f:
        f.write(f"{os.getpid()}\n")
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(f"mail-smtp.py: listening on 127.0.0.1:{port}, delivering to {mailbox_user} via {lmtp_socket}",
          file=sys.stderr, flush=True)
    await stop.wait()
    server.close()
    await server.wait_closed()


if __name__ == "__main__":
    if len(sys.argv) != 6:
        print("usage: mail-smtp.py PORT LMTP_SOCKET MAILBOX_USER PASSWORD_FILE PID_FILE", file=sys.stderr)
        sys.exit(2)
    asyncio.run(main())
