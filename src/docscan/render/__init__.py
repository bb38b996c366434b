"""Renderers: functions from a Report to text or a rich renderable; they never run an analysis."""
