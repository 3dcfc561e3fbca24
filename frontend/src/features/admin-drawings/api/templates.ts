import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import type { components } from '@/lib/api/schema';
import { adminDrawingsKey, useDrawingsMutation } from './drawings';

export type Template = components['schemas']['TemplateView'];
export type TemplateIn = components['schemas']['TemplateIn'];

export function useTemplates(enabled = true) {
  return useQuery({
    queryKey: [...adminDrawingsKey, 'templates'],
    queryFn: () => unwrap(api.GET('/api/v1/admin/drawing-templates')),
    enabled,
  });
}

export function useCreateTemplate() {
  return useDrawingsMutation((body: TemplateIn) => unwrap(api.POST('/api/v1/admin/drawing-templates', { body })));
}

export function useUpdateTemplate(templateId: string) {
  return useDrawingsMutation((body: TemplateIn) =>
    unwrap(api.PUT('/api/v1/admin/drawing-templates/{templateId}', { params: { path: { templateId } }, body })),
  );
}

/** DELETE deactivates: no further drawings are created from the template. */
export function useDeactivateTemplate(templateId: string) {
  return useDrawingsMutation(() =>
    unwrap(api.DELETE('/api/v1/admin/drawing-templates/{templateId}', { params: { path: { templateId } } })),
  );
}

/** A template's terms and prizes as a PUT body (to change one thing, e.g. reactivate it). */
export function templateBody(t: Template, changes: Partial<TemplateIn> = {}): TemplateIn {
  return {
    name: t.name,
    type: t.type,
    description: t.description,
    ticketCostPoints: t.ticketCostPoints,
    eligibility: t.eligibility,
    prizes: t.prizes,
    isActive: t.isActive,
    ...changes,
  };
}
