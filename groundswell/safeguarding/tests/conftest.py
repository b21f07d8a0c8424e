from groundswell.places.testing import organiser_elsewhere, organiser_here, tree

__all__ = ["organiser_elsewhere", "organiser_here", "tree"]
