"""Sent by places.services after the transaction commits, so other apps can react without the
places app knowing them (accounts tells the organiser: accounts/notifying.py).

organiser_places_changed(sender, user, actor, place_names): an administrator changed the places an
organiser looks after.
"""

from __future__ import annotations

from django.dispatch import Signal

organiser_places_changed = Signal()
