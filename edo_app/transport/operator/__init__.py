"""The project's reference EDO operator: HTTP API (app), core semantics, store, flow rules.

Started with ``edo operator serve``; the checks that need documents and crypto are plugged in by
``edo_app.services.operator_server``. See docs/operator.md.
"""
