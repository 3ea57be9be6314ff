"""The leaf every app builds on: the activity log and its one writer, who may call which view,
background work after commit, and small view helpers.

It imports no app of the project (tests/test_architecture.py fails if it does), so candidates,
jobs and whatever comes next can all write through it without import cycles.
"""
