import {
  IconActivity,
  IconAdjustmentsDollar,
  IconCreditCard,
  IconFileText,
  IconKey,
  IconListDetails,
  IconMessageChatbot,
  IconMessages,
  IconPlugConnected,
  IconSettings,
  IconShieldCheck,
  IconStack2,
  IconUsers,
} from "@tabler/icons-react";
import type { ComponentType } from "react";

/** One entry of the side navigation: a page under `/t/:tenantId/`, shown to who may read it. */
export interface NavItem {
  path: string;
  label: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  /** Shown when the user holds this permission somewhere in the tenant; always when absent. */
  permission?: string;
  section: "Observe" | "Build" | "Manage";
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: "activity", label: "Activity", icon: IconActivity, permission: "usage:read", section: "Observe" },
  { path: "logs", label: "Logs", icon: IconListDetails, permission: "usage:read", section: "Observe" },
  { path: "audit", label: "Audit log", icon: IconShieldCheck, permission: "audit:read", section: "Observe" },
  { path: "chat", label: "Chat", icon: IconMessages, permission: "models:use", section: "Build" },
  {
    path: "playground",
    label: "Playground",
    icon: IconMessageChatbot,
    permission: "models:use",
    section: "Build",
  },
  { path: "presets", label: "Presets", icon: IconMessages, permission: "models:use", section: "Build" },
  { path: "keys", label: "API keys", icon: IconKey, permission: "keys:read", section: "Build" },
  {
    path: "models",
    label: "Models and routes",
    icon: IconStack2,
    permission: "models:read",
    section: "Build",
  },
  {
    path: "providers",
    label: "Providers",
    icon: IconPlugConnected,
    permission: "providers:read",
    section: "Build",
  },
  { path: "team", label: "Team", icon: IconUsers, permission: "members:read", section: "Manage" },
  {
    path: "budgets",
    label: "Budgets and limits",
    icon: IconAdjustmentsDollar,
    permission: "usage:read",
    section: "Manage",
  },
  { path: "billing", label: "Billing", icon: IconCreditCard, permission: "billing:read", section: "Manage" },
  { path: "settings", label: "Settings", icon: IconSettings, section: "Manage" },
];

/** The docs link shown under the navigation. */
export const DOCS_ICON = IconFileText;
