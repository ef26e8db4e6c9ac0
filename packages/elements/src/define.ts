// Registers every gualian element (guarded, so two copies on one page do not throw).
export {};
