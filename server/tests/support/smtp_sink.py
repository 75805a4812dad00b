"""A real SMTP server for the mail tests: aiosmtpd on 127.0.0.1:PORT that
writes every message it accepts to DIR as one .eml file, with the envelope
recipients in an X-Envelope-To header on top.

Usage: python3 smtp_sink.py PORT DIR [--until-stdin-closes]

Prints "ready" once it accepts connections. With --until-stdin-closes (the
tests) it stops when its standard input closes, i.e. when the test process
ended, so no server outlives its test; otherwise it runs until stopped.
"""

import os
import threading
import sys
import time
import uuid

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = directory

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time_ns()}-{uuid.uuid4().hex}.eml"
        partial = os.path.join(self.directory, name + ".part")
        with open(partial, "wb") as f:
            f.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(envelope.original_content or envelope.content)
        # Renamed when complete: a reader never sees half a message.
        os.rename(partial, os.path.join(self.directory, name))
        return "250 Message accepted for delivery"


def main():
    port = int(sys.argv[1])
    directory = sys.argv[2]
    os.makedirs(directory, exist_ok=True)
    controller = Controller(Sink(directory), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        if "--until-stdin-closes" in sys.argv[3:]:
            sys.stdin.read()
        else:
            threading.Event().wait()  # until Ctrl-C or kill
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
