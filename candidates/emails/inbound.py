"""Reading an incoming message (RFC 5322 bytes): who sent it, the reply token or Message-IDs it
points back to, its text, and its attachments. Pure functions over bytes (no Django, no I/O)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr

_TOKEN = re.compile(r"^reply\+([0-9a-f]{8,40})@", re.IGNORECASE)
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
# Quoted history below the reply: "On <date>, <someone> wrote:" and the lines after it.
_QUOTE_HEADER = re.compile(r"^\s*(On .{5,200} wrote:|在.{2,100}写道[:：])\s*$", re.MULTILINE)
RESUME_EXTENSIONS = (".pdf", ".docx", ".txt")
MAX_BODY_CHARS = 100_000


@dataclass
class Attachment:
    filename: str
    data: bytes
    content_type: str


@dataclass
class ParsedMail:
    from_address: str
    from_name: str
    subject: str
    body: str
    message_id: str
    recipients: list[str]
    references: list[str]  # In-Reply-To first, then References, newest first
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def tokens(self) -> list[str]:
        """Reply tokens from reply+TOKEN@ recipients (To, Cc, Delivered-To, the SMTP envelope)."""
        found = []
        for address in self.recipients:
            match = _TOKEN.match(address)
            if match and match.group(1).lower() not in found:
                found.append(match.group(1).lower())
        return found

    @property
    def resume_attachments(self) -> list[Attachment]:
        return [a for a in self.attachments if a.filename.lower().endswith(RESUME_EXTENSIONS) and a.data]


def _text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        text = part.get_content()
    except (LookupError, UnicodeDecodeError):
        payload = part.get_payload(decode=True) or b""
        text = payload.decode("utf-8", errors="replace")
    if part.get_content_type() == "text/html":
        text = re.sub(r"<[^>]+>", " ", text)
    return text[:MAX_BODY_CHARS]


def strip_quoted(text: str) -> str:
    """The new part of a reply: without the quoted message below it ('On … wrote:', '> ' lines)."""
    match = _QUOTE_HEADER.search(text)
    if match:
        text = text[: match.start()]
    lines = [line for line in text.splitlines() if not line.lstrip().startswith(">")]
    return "\n".join(lines).strip()


def parse_mail(raw: bytes, envelope_recipients: list[str] | None = None) -> ParsedMail:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    from_name, from_address = parseaddr(str(message.get("From", "")))
    headers = [str(v) for name in ("To", "Cc", "Delivered-To", "X-Original-To") for v in message.get_all(name, [])]
    recipients = [address.lower() for _, address in getaddresses(headers) if address]
    recipients = [address.lower() for address in envelope_recipients or []] + recipients
    references = _MESSAGE_ID.findall(str(message.get("In-Reply-To", "")))
    references += list(reversed(_MESSAGE_ID.findall(str(message.get("References", "")))))
    attachments = []
    for part in message.iter_attachments():
        filename = part.get_filename() or ""
        if filename:
            attachments.append(Attachment(filename=filename[:200], data=part.get_payload(decode=True) or b"",
                                          content_type=part.get_content_type()))
    return ParsedMail(
        from_address=from_address.lower(), from_name=from_name[:200], subject=" ".join(str(message.get("Subject", "")).split())[:300],
        body=_text_of(message), message_id=(_MESSAGE_ID.findall(str(message.get("Message-ID", ""))) or [""])[0][:250],
        recipients=recipients, references=list(dict.fromkeys(references)), attachments=attachments,
    )
