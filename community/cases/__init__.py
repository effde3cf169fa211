"""The success-case library: cases, outcomes, subsidy usage, policy use."""
