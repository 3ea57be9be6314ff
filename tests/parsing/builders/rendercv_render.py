"""Render RenderCV documents; runs inside the RenderCV virtualenv that build.py makes.

    python rendercv_render.py < jobs.json      # [{"cv": {...RenderCV input...}, "pdf": "/path/out.pdf"}, ...]

One process for all documents (RenderCV and Typst start once).  A phone number RenderCV refuses
(its validator wants a number valid for its country) is left out, as a user would have to.
"""
import json
import pathlib
import sys

import phonenumbers
from rendercv.api import create_a_pdf_from_a_python_dictionary


def main() -> None:
    jobs = json.load(sys.stdin)
    failed = 0
    for job in jobs:
        cv = job["cv"]
        phone = cv["cv"].pop("phone", None)
        region = cv["cv"].pop("x-region", None)
        if phone:
            try:
                n = phonenumbers.parse(phone, region)
                if phonenumbers.is_valid_number(n):
                    cv["cv"]["phone"] = phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)
            except phonenumbers.NumberParseException:
                pass
        out = pathlib.Path(job["pdf"])
        errors = create_a_pdf_from_a_python_dictionary(cv, out)
        if errors:
            failed += 1
            print(f"rendercv refused {out.name}: {errors}", file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
