import type { BudgetsRepo } from "../store/budgets/budgets-repo.js";
import { BudgetBook } from "./budget-book.js";

/**
 * This instance's budget definitions: loaded once at start, then one tenant at a time when its `budgets`
 * scope changes (scoped revisions, the change bus). Requests read `book`, never the database.
 *
 * @example
 * const snapshot = new BudgetSnapshot(store.budgets);
 * await snapshot.loadAll();
 * await snapshot.reloadTenant(tenantId); // after a change of that tenant's budgets
 */
export class BudgetSnapshot {
  book: BudgetBook = BudgetBook.empty();

  constructor(private readonly repo: Pick<BudgetsRepo, "listAll" | "listTenant">) {}

  async loadAll(): Promise<void> {
    this.book = BudgetBook.of(await this.repo.listAll());
  }

  async reloadTenant(tenantId: string): Promise<void> {
    const budgets = await this.repo.listTenant(tenantId);
    this.book = this.book.withTenant(tenantId, budgets);
  }
}
