"""A real SMTP server on 127.0.0.1 for the suggestion tests, and ports nobody listens on."""

import socket
from contextlib import contextmanager

from aiosmtpd.controller import Controller


def free_port():
    """A loopback port that nothing listens on (the OS just handed it out and it was closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """An aiosmtpd handler that keeps every message and refuses the recipients it is told to."""

    def __init__(self, refuse=()):
        self.messages = []
        self.refuse = set(refuse)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server(refuse=(), port=None):
    """A server on `port` (a free one unless told: a test of a server that was down and comes
    back starts it on the port the site was already sending to)."""
    mailbox = Mailbox(refuse)
    controller = Controller(mailbox, hostname="127.0.0.1", port=port or free_port())
    controller.start()
    try:
        yield controller, mailbox
    finally:
        controller.stop()


# Servers the tests start listen here (the helpers' agreed range for this worktree's tests).
TEST_PORTS = range(18000, 18050)


def free_port_in(ports=TEST_PORTS):
    """The first port of `ports` on 127.0.0.1 that nothing listens on."""
    for port in ports:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port on 127.0.0.1 in {ports.start}-{ports.stop - 1}")
