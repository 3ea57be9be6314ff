"""Every write of the résumé pipeline, in three modules:

- intake.py: upload a file, ask for a re-parse;
- claims.py: the parse queue's bookkeeping (enqueue, claim, hand back, fail, sweep);
- profiles.py: store parsed profiles (match or create the candidate, replace derived rows).
"""
