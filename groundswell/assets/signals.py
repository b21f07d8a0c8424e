"""Signals the assets services send after their transaction commits, so notifications, search
and follows stay in their own modules (wiring.py connects them)."""

from django.dispatch import Signal

# asset_id: int. Created, edited, withdrawn, restored, claimed, hidden or erased: whatever reads
# the asset's visibility (search) brings itself up to date.
asset_changed = Signal()
# claim: ClaimRequest
claim_requested = Signal()
# claim: ClaimRequest, actor: User
claim_decided = Signal()
# asset: Asset (its owner has not checked it for ASSETS_REVIEW_AFTER_DAYS)
review_due = Signal()
