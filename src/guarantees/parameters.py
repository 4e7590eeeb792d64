"""Thresholds the criteria and rules read: not weights, but where a policy draws its lines."""

from __future__ import annotations

from pydantic import Field

from .model._base import Model

__all__ = ["Parameters"]


class Parameters(Model):
    """Lines a policy draws (years, days, personnel); evaluation reads these, never weights."""

    horizon_years: int = Field(
        default=5,
        ge=1,
        le=50,
        description="Years of support that count as a full multi-year horizon (CAP002, "
        "capabilities.horizon).",
    )
    max_response_days: int = Field(
        default=30,
        ge=0,
        description="A response deadline up to this many days counts as time-bound in full; "
        "a longer one earns half.",
    )
    presence_scale: int = Field(
        default=10_000,
        ge=1,
        description="Personnel at which the size criterion earns about 63% (1 - 1/e): returns "
        "diminish beyond it.",
    )
    min_duration_years: int = Field(
        default=10, ge=0, description="An instrument that runs fewer years is flagged (COM010)."
    )
    min_withdrawal_notice_months: int = Field(
        default=12,
        ge=0,
        description="A withdrawal notice shorter than this many months is flagged (COM010).",
    )
    funded_share: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="Pledges are flagged as unfunded (CAP001) when less than this share of "
        "their value is appropriated.",
    )
